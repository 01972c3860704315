package io.github.spellingreports.worker.digest;

/**
 * A digest was asked for while {@code spelling.digest.recipients} is empty.
 */
class NoRecipientsException extends RuntimeException {

    NoRecipientsException() {
        super("No digest recipients are configured (spelling.digest.recipients)");
    }

}
