package io.github.spellingreports.worker.console;

import java.security.Principal;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page's layout needs: who is logged in and whether they may see the admin pages.
 * Only for the console's controllers; the API keeps its problem-details advice.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    @ModelAttribute("currentUser")
    String currentUser(Principal principal) {
        return (principal != null) ? principal.getName() : null;
    }

    @ModelAttribute("isAdmin")
    boolean isAdmin(Principal principal) {
        return principal instanceof Authentication authentication && authentication.getAuthorities().stream()
                .anyMatch((authority) -> "ROLE_ADMIN".equals(authority.getAuthority()));
    }

}
