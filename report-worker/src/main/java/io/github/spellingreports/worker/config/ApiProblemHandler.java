package io.github.spellingreports.worker.config;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * One error shape for the worker's HTTP API: RFC 9457 problem details. Spring MVC's own
 * exceptions (bad parameters, failed validation, unknown paths) and {@code ErrorResponseException}s
 * are rendered by the base class; anything else is a 500 whose details stay in the log.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler
    ProblemDetail unexpected(Exception ex) {
        log.error("Request failed", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed; the server log has the details.");
        problem.setTitle("Internal error");
        return problem;
    }

}
