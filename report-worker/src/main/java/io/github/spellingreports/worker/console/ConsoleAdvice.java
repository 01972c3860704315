package io.github.spellingreports.worker.console;

import java.security.Principal;

import io.github.spellingreports.worker.config.InvalidInput;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page's layout needs: who is logged in and whether they may see the admin
 * pages; and a page, not a problem detail, for a request with a bad parameter (an edited or cut
 * link). Only for the console's controllers; the API keeps its problem-details advice.
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

    /** A 400 page that says which parameter is wrong and what it must be. */
    @ExceptionHandler({ TypeMismatchException.class, MissingServletRequestParameterException.class,
            HandlerMethodValidationException.class })
    ModelAndView badRequest(Exception ex, Principal principal) {
        ModelAndView page = new ModelAndView("console/bad-request");
        // an exception handler's model gets no @ModelAttribute values: the layout's go in here
        page.addObject("currentUser", currentUser(principal));
        page.addObject("isAdmin", isAdmin(principal));
        page.addObject("problems", InvalidInput.messages(ex));
        page.setStatus(HttpStatus.BAD_REQUEST);
        return page;
    }

}
