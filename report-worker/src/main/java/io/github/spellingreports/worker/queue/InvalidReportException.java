package io.github.spellingreports.worker.queue;

/**
 * A record the worker can never store, however often it retries: an unknown schema version or a
 * structurally invalid report. The error handler sends it straight to the dead-letter topic.
 */
public class InvalidReportException extends RuntimeException {

    InvalidReportException(String message) {
        super(message);
    }

    InvalidReportException(String message, Throwable cause) {
        super(message, cause);
    }

}
