package io.github.spellingreports.worker.lag;

/**
 * A lag sample could not be taken (broker unreachable, request timed out); the previous sample stays.
 */
class LagSampleException extends RuntimeException {

    LagSampleException(String message, Throwable cause) {
        super(message, cause);
    }

}
