package io.github.spellingreports.intake.config;

import io.github.spellingreports.web.ErrorDispatch;
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
        HttpStatus status = ErrorDispatch.status(request);
        boolean direct = ErrorDispatch.askedForDirectly(request);
        // /error asked for as an address: no error happened, and nothing is there
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, direct
                ? "No endpoint " + request.getMethod() + " /error. " + WHAT_THE_INTAKE_HAS : detail(status));
        ErrorDispatch.instance(direct ? request.getRequestURI() : ErrorDispatch.failedPath(request))
                .ifPresent(problem::setInstance);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    private static String detail(HttpStatus status) {
        return switch (status) {
            case INTERNAL_SERVER_ERROR -> "The request could not be processed.";
            case NOT_FOUND, METHOD_NOT_ALLOWED -> status.getReasonPhrase() + ". " + WHAT_THE_INTAKE_HAS;
            default -> status.getReasonPhrase() + ".";
        };
    }

}
