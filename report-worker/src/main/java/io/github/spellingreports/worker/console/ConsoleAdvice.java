package io.github.spellingreports.worker.console;

import java.security.Principal;

import io.github.spellingreports.worker.config.InvalidInput;
import io.github.spellingreports.worker.queue.DatabaseOutage;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page's layout needs: who is logged in and whether they may see the admin
 * pages; and a page, not a problem detail, when a console request fails: a bad parameter (an edited
 * or cut link), the database away, anything else. Only for the console's controllers; the API keeps
 * its problem-details advice.
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

    private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

    @ModelAttribute("currentUser")
    String currentUser(Principal principal) {
        return ConsoleUser.name(principal);
    }

    @ModelAttribute("isAdmin")
    boolean isAdmin(Principal principal) {
        return ConsoleUser.isAdmin(principal);
    }

    /**
     * A page instead of a problem detail for everything else a console page can fail with: a 503
     * while the database cannot be reached, Spring MVC's own errors with their status, and a 500
     * for the rest, whose details stay in the log.
     */
    @ExceptionHandler
    ModelAndView failed(Exception ex, Principal principal, HttpServletResponse response) {
        ModelAndView page;
        if (DatabaseOutage.isCauseOf(ex)) {
            log.warn("Console page failed: the database is unavailable ({})", ex.getMessage());
            page = page("console/problem", principal, HttpStatus.SERVICE_UNAVAILABLE);
            page.addObject("title", "Database unavailable");
            page.addObject("message", "The database cannot be reached right now, so this page cannot be shown"
                    + " or changed. Nothing was lost: reports wait in Kafka until it is back. Try again in a few"
                    + " seconds.");
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
        }
        else if (ex instanceof ErrorResponse error) {
            page = errorPage(error, principal);
        }
        else {
            log.error("Console page failed", ex);
            page = page("console/problem", principal, HttpStatus.INTERNAL_SERVER_ERROR);
            page.addObject("title", "Something went wrong");
            page.addObject("message", "The page could not be shown; the server log has the details.");
        }
        return page;
    }

    /** A 400 page that says which parameter is wrong and what it must be. */
    @ExceptionHandler({ TypeMismatchException.class, MissingServletRequestParameterException.class,
            HandlerMethodValidationException.class })
    ModelAndView badRequest(Exception ex, Principal principal) {
        ModelAndView page = page("console/problem", principal, HttpStatus.BAD_REQUEST);
        page.addObject("title", "Bad request");
        page.addObject("message", "The request has a value this page cannot use: was a link cut short or edited?");
        page.addObject("problems", InvalidInput.messages(ex));
        return page;
    }

    /** Spring MVC's own error (a 405, a 415) as a page with its status, title and detail. */
    static ModelAndView errorPage(ErrorResponse error, Principal principal) {
        ModelAndView page = page("console/problem", principal, error.getStatusCode());
        page.addObject("title", error.getBody().getTitle());
        page.addObject("message", error.getBody().getDetail());
        return page;
    }

    /** A console page with its status and what the layout needs. */
    static ModelAndView page(String view, Principal principal, HttpStatusCode status) {
        ModelAndView page = new ModelAndView(view);
        // an exception handler's model gets no @ModelAttribute values: the layout's go in here
        page.addObject("currentUser", ConsoleUser.name(principal));
        page.addObject("isAdmin", ConsoleUser.isAdmin(principal));
        page.setStatus(status);
        return page;
    }

}
