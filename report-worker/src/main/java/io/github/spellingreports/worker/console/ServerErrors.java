package io.github.spellingreports.worker.console;

import java.security.Principal;

import io.github.spellingreports.web.Browsers;
import io.github.spellingreports.web.ErrorDispatch;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

/**
 * What Spring Boot's error controller answered for a request that failed before any controller
 * saw it (Spring Security's firewall refusing a ';' or '//' in the address, a filter's error):
 * a problem detail for the API and for clients that do not ask for HTML, a console page for a
 * browser, instead of Boot's own error JSON or its whitelabel page. Errors of controllers never
 * come here: the API's and the console's advice answer those.
 */
@Controller
class ServerErrors implements ErrorController {

    @RequestMapping("/error")
    Object error(HttpServletRequest request, Principal principal) {
        HttpStatus status = ErrorDispatch.status(request);
        String path = ErrorDispatch.failedPath(request);
        String detail = detail(status);
        if (wantsPage(request, path)) {
            ModelAndView page = ConsoleAdvice.page("console/problem", principal, status);
            page.addObject("title", (status == HttpStatus.BAD_REQUEST) ? "Bad request" : status.getReasonPhrase());
            page.addObject("message", detail);
            return page;
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        ErrorDispatch.instance(path).ifPresent(problem::setInstance);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "The request's address holds what this server refuses (a ';', '//', an encoded '/' "
                    + "or '..', a control character), or the request could not be read.";
            case NOT_FOUND -> "There is nothing at this address.";
            case INTERNAL_SERVER_ERROR -> "Something went wrong; the server log has the details.";
            default -> status.getReasonPhrase() + ".";
        };
    }

    /** A browser's request outside the API and the actuator; anything else gets a problem detail. */
    private static boolean wantsPage(HttpServletRequest request, String path) {
        if (path != null && UnmappedConsolePages.answersInJson(path)) {
            return false;
        }
        return Browsers.askForHtml(request.getHeader("Accept"));
    }

}
