package io.github.spellingreports.worker.config;

import java.util.Map;

import io.github.spellingreports.worker.queue.DatabaseOutage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * One error shape for the worker's HTTP API: RFC 9457 problem details. Spring MVC's own
 * exceptions (unknown paths, wrong methods) and {@code ErrorResponseException}s are rendered by
 * the base class; a bad parameter or body names what is wrong with each parameter or field in an
 * {@code errors} property (name -> message, as the intake does); a database that cannot be reached
 * is a 503 with {@code Retry-After}; anything else is a 500 whose details stay in the log.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    static final String DATABASE_UNAVAILABLE_TITLE = "Database unavailable";

    static final String DATABASE_UNAVAILABLE_DETAIL = "The database is unavailable; try again in a few seconds.";

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    /**
     * A database that cannot be reached is a 503 that asks the client to try again (it is not
     * a fault of this server's code, and says so in one log line); anything else is a 500.
     */
    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception ex) {
        if (DatabaseOutage.isCauseOf(ex)) {
            log.warn("Request failed: the database is unavailable ({})", ex.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                    DATABASE_UNAVAILABLE_DETAIL);
            problem.setTitle(DATABASE_UNAVAILABLE_TITLE);
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS))
                    .body(problem);
        }
        log.error("Request failed", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be completed; the server log has the details.");
        problem.setTitle("Internal error");
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Spring's own detail names "null" or "application/octet-stream" for a request without one
        String sent;
        if (request.getHeader(HttpHeaders.CONTENT_TYPE) == null) {
            sent = "The request has no Content-Type";
        }
        else if (ex.getContentType() == null) {
            sent = "The request's Content-Type is not a media type";
        }
        else {
            sent = "Content-Type '" + ex.getContentType() + "' is not supported";
        }
        ex.getBody().setDetail(sent + ": send the body as JSON, with Content-Type: application/json.");
        return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
    }

    /**
     * Every bad request Spring MVC answers (bad parameters, failed validation, unreadable bodies)
     * passes here: one that names its parameters or fields gets them in {@code errors}, a body that
     * is not JSON at all says so; other answers keep the base class's problem detail.
     */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, Object body, HttpHeaders headers,
            HttpStatusCode statusCode, WebRequest request) {
        Object answer = body;
        if (statusCode.value() == HttpStatus.BAD_REQUEST.value()) {
            Map<String, String> messages = InvalidInput.messages(ex);
            if (!messages.isEmpty()) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                        InvalidInput.detail(messages));
                problem.setProperty("errors", messages);
                answer = problem;
            }
            else if (ex instanceof HttpMessageNotReadableException unreadable) {
                answer = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, InvalidInput.unreadableBody(unreadable));
            }
        }
        return super.handleExceptionInternal(ex, answer, headers, statusCode, request);
    }

}
