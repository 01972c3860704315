package io.github.spellingreports.intake.config;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What Spring Boot's error controller answered for a request that failed before any controller
 * saw it (Tomcat refusing {@code TRACE}, an error a filter sent): a problem detail in the intake's
 * shape, for a browser too, instead of Boot's own error JSON or its "Whitelabel Error Page". Errors
 * of controllers never come here: {@link ProblemDetailsAdvice} answers those.
 */
@RestController
class ServerErrors implements ErrorController {

    /** What an address with nothing at it is told, here and by {@link ProblemDetailsAdvice}. */
    static final String WHAT_THE_INTAKE_HAS = "The intake takes reports at POST /api/v1/reports and serves the "
            + "widget at /widget.js.";

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ProblemDetail problem;
        if (code == null) {
            // /error asked for as an address: no error happened, and nothing is there
            problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "No endpoint " + request.getMethod() + " /error. " + WHAT_THE_INTAKE_HAS);
            path = request.getRequestURI();
        }
        else {
            HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
            status = (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
            problem = ProblemDetail.forStatusAndDetail(status, detail(status));
        }
        if (path != null) {
            try {
                problem.setInstance(new URI(path));
            }
            catch (URISyntaxException ex) {
                // an address that is no URI stays out of the answer
            }
        }
        return ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case INTERNAL_SERVER_ERROR -> "The request could not be processed.";
            case NOT_FOUND, METHOD_NOT_ALLOWED -> status.getReasonPhrase() + ". " + WHAT_THE_INTAKE_HAS;
            default -> status.getReasonPhrase() + ".";
        };
    }

}
