package io.github.spellingreports.worker.config;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.BindException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.annotation.HandlerMethodValidationException;

/**
 * What is wrong with a request's parameters or body, by the name the client used (a query
 * parameter, a path variable, a JSON field), in words a person can act on: "must be one of NEW,
 * FIXED, DISMISSED, SPAM" rather than Spring's "Failed to convert 'status' with value: 'BOGUS'".
 * The API answers with these as a problem detail's {@code errors}, the console as a page; a record
 * that is not a report's JSON gets its dead letter's reason from {@link #describe}.
 */
public final class InvalidInput {

    /** A parser's message can quote a long token; a reason is one line. */
    private static final int MAX_JSON_REASON = 200;

    private InvalidInput() {
    }

    /**
     * @param ex an exception Spring MVC raised for a bad request
     * @return a message for each parameter or field it names, by name in alphabetical order; empty
     *         when it names none (a body that is not JSON at all)
     */
    public static SortedMap<String, String> messages(Exception ex) {
        SortedMap<String, SortedSet<String>> messages = new TreeMap<>();
        // a MethodArgumentTypeMismatchException's property name is the parameter's name
        if (ex instanceof TypeMismatchException mismatch && mismatch.getPropertyName() != null) {
            add(messages, mismatch.getPropertyName(), expected(mismatch.getRequiredType()));
        }
        else if (ex instanceof MissingServletRequestParameterException missing) {
            add(messages, missing.getParameterName(), "is required");
        }
        else if (ex instanceof HandlerMethodValidationException validation) {
            for (ParameterValidationResult result : validation.getParameterValidationResults()) {
                for (MessageSourceResolvable error : result.getResolvableErrors()) {
                    add(messages, nameOf(result.getMethodParameter()), error.getDefaultMessage());
                }
            }
        }
        else if (ex instanceof BindException binding) {
            // MethodArgumentNotValidException (a @Valid body) is one
            binding.getFieldErrors().forEach((error) -> add(messages, error.getField(), error.getDefaultMessage()));
        }
        else if (ex instanceof HttpMessageNotReadableException
                && NestedExceptionUtils.getMostSpecificCause(ex) instanceof MismatchedInputException mismatch
                && !fieldOf(mismatch).isEmpty()) {
            add(messages, fieldOf(mismatch), expected(mismatch.getTargetType()));
        }
        SortedMap<String, String> joined = new TreeMap<>();
        messages.forEach((name, texts) -> joined.put(name, String.join("; ", texts)));
        return joined;
    }

    /** @return the messages as one sentence: "Invalid request: page: must be ..., size: must be ...." */
    public static String detail(Map<String, String> messages) {
        return messages.entrySet().stream().map((entry) -> entry.getKey() + ": " + entry.getValue())
                .collect(Collectors.joining(", ", "Invalid request: ", "."));
    }

    /** @return what a value of this type must look like */
    static String expected(Class<?> type) {
        if (type == null) {
            return "has the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + Arrays.stream(type.getEnumConstants())
                    .map((constant) -> ((Enum<?>) constant).name()).collect(Collectors.joining(", "));
        }
        if (type == int.class || type == Integer.class) {
            return "must be a whole number up to " + Integer.MAX_VALUE;
        }
        if (type == long.class || type == Long.class) {
            return "must be a whole number up to " + Long.MAX_VALUE;
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type == UUID.class) {
            return "must be a UUID";
        }
        if (type == String.class) {
            return "must be a string";
        }
        return "has the wrong type";
    }

    /** @return the name the client used: the annotation's, else the Java parameter's */
    private static String nameOf(MethodParameter parameter) {
        // name and value are aliases; an annotation read without synthesis has only the one written
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        PathVariable variable = parameter.getParameterAnnotation(PathVariable.class);
        String named = (param != null) ? either(param.name(), param.value())
                : (variable != null) ? either(variable.name(), variable.value()) : "";
        if (!named.isEmpty()) {
            return named;
        }
        return (parameter.getParameterName() != null) ? parameter.getParameterName()
                : "argument " + parameter.getParameterIndex();
    }

    /**
     * @param ex a body Spring MVC could not read, that names no field ({@link #messages} is empty)
     * @return what the body is instead of a JSON object and, for a syntax error, where the parser
     *         stopped; never the parser's own words (they name classes)
     */
    public static String unreadableBody(HttpMessageNotReadableException ex) {
        JacksonException parse = jsonFailure(ex);
        if (parse instanceof MismatchedInputException && parse.getPath().isEmpty()) {
            return "The request body is not a JSON object: send one.";
        }
        if (parse instanceof StreamReadException && parse.getLocation() != null && parse.getLocation().getLineNr() > 0) {
            return "The request body is not readable JSON: the parser stopped at line " + parse.getLocation().getLineNr()
                    + ", column " + parse.getLocation().getColumnNr() + ".";
        }
        if (parse != null) {
            return "The request body is not a readable JSON object.";
        }
        return "The request body is missing: send a JSON object.";
    }

    private static String either(String name, String value) {
        return name.isEmpty() ? value : name;
    }

    /**
     * @param failure a failure to read something as JSON, among its causes
     * @return the parser's exception, or {@code null} when the failure was not the parser's
     */
    static JacksonException jsonFailure(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof JacksonException parse) {
                return parse;
            }
        }
        return null;
    }

    /**
     * What the parser found wrong with JSON, in one line, for a dead letter's reason: "Unexpected
     * character ('x' (code 120)): expected a valid value (line 1, column 2)", "Cannot deserialize
     * value of type `int` from String \"one\": not a valid `int` value (field schemaVersion)".
     * @param parse the parser's exception ({@link #jsonFailure})
     * @return the parser's message without its source excerpt, with where it stopped
     */
    static String describe(JacksonException parse) {
        StringBuilder reason = new StringBuilder(String.valueOf(parse.getOriginalMessage()).lines().findFirst().orElse(""));
        if (reason.length() > MAX_JSON_REASON) {
            reason.setLength(MAX_JSON_REASON);
            reason.append('…');
        }
        String field = fieldOf(parse);
        TokenStreamLocation location = parse.getLocation();
        if (!field.isEmpty()) {
            reason.append(" (field ").append(field).append(')');
        }
        else if (location != null && location.getLineNr() > 0) {
            reason.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr()).append(')');
        }
        return reason.toString();
    }

    private static String fieldOf(JacksonException ex) {
        return ex.getPath().stream().map(JacksonException.Reference::getPropertyName).filter((name) -> name != null)
                .collect(Collectors.joining("."));
    }

    private static void add(Map<String, SortedSet<String>> messages, String name, String message) {
        messages.computeIfAbsent(name, (key) -> new TreeSet<>()).add(message);
    }

}
