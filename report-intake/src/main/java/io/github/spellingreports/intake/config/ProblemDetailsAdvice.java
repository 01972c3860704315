package io.github.spellingreports.intake.config;

import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error as one RFC 9457 problem shape. Request errors name the offending fields in an
 * {@code errors} property (field -> message); nothing reveals stack traces, versions or class names.
 */
@RestControllerAdvice
class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);

    /** How much of a path with nothing at it the 404's detail repeats. */
    private static final int MAX_PATH_IN_DETAIL = 200;

    private final IntakeMeters meters;

    ProblemDetailsAdvice(IntakeMeters meters) {
        this.meters = meters;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // Sorted, so the answer does not depend on the validator's iteration order.
        Map<String, SortedSet<String>> errors = new TreeMap<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.computeIfAbsent(error.getField(), field -> new TreeSet<>()).add(error.getDefaultMessage());
        }
        this.meters.rejectedInvalid();
        Map<String, String> messages = new TreeMap<>();
        errors.forEach((field, fieldMessages) -> messages.put(field, String.join("; ", fieldMessages)));
        return badRequest(ex, messages, headers, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        this.meters.rejectedUnreadable();
        String encoding = request.getHeader(HttpHeaders.CONTENT_ENCODING);
        if (encoding != null && !encoding.isBlank() && !"identity".equalsIgnoreCase(encoding.strip())) {
            // what the parser made of compressed bytes would not help: say what to send (RFC 9110, 15.5.16)
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The request body is compressed (Content-Encoding: " + abbreviate(encoding.strip(), 40)
                            + "), which the intake does not read: send the report uncompressed.");
            HttpHeaders acceptEncoding = new HttpHeaders();
            acceptEncoding.set(HttpHeaders.ACCEPT_ENCODING, "identity");
            return handleExceptionInternal(ex, problem, acceptEncoding, HttpStatus.UNSUPPORTED_MEDIA_TYPE, request);
        }
        // A JSON value of the wrong type names its field; anything else says what the body is and,
        // for a syntax error, where the parser stopped (never the parser's own words: they name classes).
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
        if (cause instanceof MismatchedInputException mismatch && !fieldOf(mismatch).isEmpty()) {
            return badRequest(ex, Map.of(fieldOf(mismatch), typeMessage(mismatch)), headers, request);
        }
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, unreadable(cause));
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
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
        ex.getBody().setDetail(sent + ": send the report as JSON, with Content-Type: application/json.");
        return super.handleHttpMediaTypeNotSupported(ex, headers, status, request);
    }

    /**
     * An address with nothing at it: Spring's own detail ("No static resource api/v1/report.") speaks
     * of files; this one says what the intake has, as the worker's API says "No endpoint ...".
     */
    @Override
    protected ResponseEntity<Object> handleNoResourceFoundException(NoResourceFoundException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, "No endpoint " + ex.getHttpMethod() + " "
                + abbreviate("/" + ex.getResourcePath(), MAX_PATH_IN_DETAIL)
                + ". " + ServerErrors.WHAT_THE_INTAKE_HAS);
        return handleExceptionInternal(ex, problem, headers, status, request);
    }

    /** Anything unforeseen: logged here, answered without details. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        log.error("Request failed unexpectedly", ex);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The request could not be processed.");
        return handleExceptionInternal(ex, problem, new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    private ResponseEntity<Object> badRequest(Exception ex, Map<String, String> messages, HttpHeaders headers,
            WebRequest request) {
        String detail = messages.entrySet().stream()
                .map(entry -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", ", "Invalid report: ", "."));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        problem.setProperty("errors", messages);
        return handleExceptionInternal(ex, problem, headers, HttpStatus.BAD_REQUEST, request);
    }

    private static String unreadable(Throwable cause) {
        if (cause instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
            return "The request body is not a JSON object: send the report as one, {\"pageUrl\": ..., \"selection\": ...}.";
        }
        if (cause instanceof StreamReadException syntax && syntax.getLocation() != null
                && syntax.getLocation().getLineNr() > 0) {
            String where = "the parser stopped at line " + syntax.getLocation().getLineNr() + ", column "
                    + syntax.getLocation().getColumnNr();
            String message = syntax.getOriginalMessage();
            if (message != null && message.startsWith("Invalid UTF-8")) {
                return "The request body is not UTF-8 text: " + where + ". Send the report as JSON in UTF-8.";
            }
            return "The request body is not readable JSON: " + where + ".";
        }
        if (cause instanceof JacksonException) {
            return "The request body is not a readable JSON object.";
        }
        return "The request body holds no report: send the report as a JSON object.";
    }

    private static String abbreviate(String text, int max) {
        return (text.length() <= max) ? text : text.substring(0, max) + "...";
    }

    private static String fieldOf(MismatchedInputException ex) {
        return ex.getPath().stream()
                .map(JacksonException.Reference::getPropertyName)
                .filter(name -> name != null)
                .collect(Collectors.joining("."));
    }

    private static String typeMessage(MismatchedInputException ex) {
        Class<?> target = ex.getTargetType();
        if (target == UUID.class) {
            return "must be a UUID";
        }
        if (target == String.class) {
            return "must be a string";
        }
        return "has the wrong type";
    }

}
