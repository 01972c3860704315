package io.github.spellingreports.worker.console;

import java.security.Principal;

import org.springframework.security.core.Authentication;

/**
 * What the console layout shows of the logged-in user ({@code currentUser}, {@code isAdmin}), for
 * the console's pages and for pages of other packages that use its layout (the standalone's inbox).
 */
public final class ConsoleUser {

    private ConsoleUser() {
    }

    /** @return the user's name, or {@code null} when nobody is logged in */
    public static String name(Principal principal) {
        return (principal != null) ? principal.getName() : null;
    }

    /** @return whether the user may see the administrator's pages */
    public static boolean isAdmin(Principal principal) {
        return principal instanceof Authentication authentication && authentication.getAuthorities().stream()
                .anyMatch((authority) -> "ROLE_ADMIN".equals(authority.getAuthority()));
    }

}
