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
 * Ends a console session whose account was disabled, or whose password was changed (by its owner
 * in another session, or by an administrator), after it logged in; gives it the account's role
 * when an administrator changed that. Checked on every console request against the accounts
 * themselves rather than through an in-memory session registry, so that a change on one worker
 * holds for the sessions on all of them.
 */
class AccountSessionFilter extends OncePerRequestFilter {

    static final String DISABLED_PAGE = "/console/login?disabled";

    static final String PASSWORD_CHANGED_PAGE = "/console/login?password-changed";

    private static final Logger log = LoggerFactory.getLogger(AccountSessionFilter.class);

    private final UserDetailsService accounts;

    AccountSessionFilter(UserDetailsService accounts) {
        this.accounts = accounts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String ended = (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) ? null
                        : ended(authentication, request, response);
        if (ended == null) {
            chain.doFilter(request, response);
            return;
        }
        log.info("Ended the console session of {}: {}", authentication.getName(),
                ended.equals(DISABLED_PAGE) ? "the account is disabled" : "its password was changed");
        SecurityContextHolder.clearContext();
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        response.sendRedirect(request.getContextPath() + ended);
    }

    /**
     * @return the page that says why the session ended, or {@code null} while it may go on (given
     *         its account's role as it is now, when that changed)
     */
    private String ended(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        UserDetails account;
        try {
            account = this.accounts.loadUserByUsername(authentication.getName());
        }
        catch (UsernameNotFoundException ex) {
            // The console disables accounts and never deletes them, but an operator may delete one
            // in the database: a session of it ends as a disabled one's. A name that never came from
            // the accounts (not a ConsoleUser) is not theirs to judge.
            return (authentication.getPrincipal() instanceof ConsoleUser) ? DISABLED_PAGE : null;
        }
        catch (RuntimeException ex) {
            if (!DatabaseOutage.isCauseOf(ex)) {
                throw ex;
            }
            // Every console page reads or changes the queue in the same database, so none of them
            // can do anything for this session either: let the page itself say the database is away
            // (a 503 with Retry-After) instead of failing here with a 500.
            log.debug("Could not check the account of {}: the database is unavailable", authentication.getName());
            return null;
        }
        if (!account.isEnabled() || !account.isAccountNonLocked()) {
            return DISABLED_PAGE;
        }
        if (authentication.getPrincipal() instanceof ConsoleUser loggedIn && account instanceof ConsoleUser now) {
            if (!loggedIn.passwordChangedAt().equals(now.passwordChangedAt())) {
                return PASSWORD_CHANGED_PAGE;
            }
            if (!loggedIn.getAuthorities().equals(now.getAuthorities())) {
                log.info("The console session of {} goes on with its account's new role {}", now.getUsername(),
                        now.getAuthorities());
                SessionAuthentication.renew(now, authentication, request, response);
            }
        }
        return null;
    }

}
