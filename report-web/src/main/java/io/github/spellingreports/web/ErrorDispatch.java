package io.github.spellingreports.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;

/**
 * What the servlet container tells a service's error page ({@code /error}) about the request that
 * failed before any controller saw it: both services' error controllers read it alike.
 */
public final class ErrorDispatch {

    private ErrorDispatch() {
    }

    /** @return whether {@code /error} was asked for as an address, not dispatched to for an error */
    public static boolean askedForDirectly(HttpServletRequest request) {
        return request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) == null;
    }

    /**
     * @return the failed request's status: 404 where {@code /error} was asked for as an address (no
     *         error happened, and nothing is there), 500 for a code that is no HTTP status
     */
    public static HttpStatus status(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            return HttpStatus.NOT_FOUND;
        }
        HttpStatus status = (code instanceof Integer value) ? HttpStatus.resolve(value) : null;
        return (status != null) ? status : HttpStatus.INTERNAL_SERVER_ERROR;
    }

    /** @return the address the failed request asked for, or {@code null} where {@code /error} was asked for */
    public static String failedPath(HttpServletRequest request) {
        return (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    }

    /**
     * @param path an address, or {@code null}
     * @return it as a problem detail's {@code instance}; empty for none and for one that is no URI
     */
    public static Optional<URI> instance(String path) {
        if (path == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new URI(path));
        }
        catch (URISyntaxException ex) {
            return Optional.empty();
        }
    }

}
