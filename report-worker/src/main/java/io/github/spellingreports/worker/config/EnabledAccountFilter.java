package io.github.spellingreports.worker.config;

import java.io.IOException;

import io.github.spellingreports.worker.queue.DatabaseOutage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Ends a console session whose account was disabled after it logged in. Checked on
 * every console request against the accounts themselves rather than through an in-memory session
 * registry, so that disabling an account on one worker ends its sessions on all of them.
 */
class EnabledAccountFilter extends OncePerRequestFilter {

    static final String DISABLED_PAGE = "/console/login?disabled";

    private static final Logger log = LoggerFactory.getLogger(EnabledAccountFilter.class);

    private final UserDetailsService accounts;

    EnabledAccountFilter(UserDetailsService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken || stillEnabled(authentication.getName())) {
            chain.doFilter(request, response);
            return;
        }
        log.info("Ended the console session of {}: the account is disabled", authentication.getName());
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + DISABLED_PAGE);
    }

    private boolean stillEnabled(String username) {
        try {
            UserDetails account = this.accounts.loadUserByUsername(username);
            return account.isEnabled() && account.isAccountNonLocked();
        }
        catch (UsernameNotFoundException ex) {
            // accounts are disabled, never deleted; a name unknown here was not authenticated by them
            return true;
        }
        catch (RuntimeException ex) {
            if (!DatabaseOutage.isCauseOf(ex)) {
                throw ex;
            }
            // Every console page reads or changes the queue in the same database, so none of them
            // can do anything for this session either: let the page itself say the database is away
            // (a 503 with Retry-After) instead of failing here with a 500.
            log.debug("Could not check whether {} is still enabled: the database is unavailable", username);
            return true;
        }
    }

}
