package io.github.spellingreports.worker.config;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;

/**
 * Gives a console session the account as the database has it now (its role, the time its password
 * was set), from this request on, without another login.
 */
public final class SessionAuthentication {

    private static final SecurityContextHolderStrategy securityContexts = SecurityContextHolder
            .getContextHolderStrategy();

    private static final SecurityContextRepository sessions = new HttpSessionSecurityContextRepository();

    private SessionAuthentication() {
    }

    /**
     * @param account the account as loaded now; its credentials are erased here
     * @param current the session's authentication so far
     */
    public static void renew(ConsoleUser account, Authentication current, HttpServletRequest request,
            HttpServletResponse response) {
        account.eraseCredentials();
        UsernamePasswordAuthenticationToken authentication = UsernamePasswordAuthenticationToken.authenticated(account,
                null, account.getAuthorities());
        authentication.setDetails(current.getDetails());
        SecurityContext context = securityContexts.createEmptyContext();
        context.setAuthentication(authentication);
        securityContexts.setContext(context);
        sessions.saveContext(context, request, response);
    }

}
