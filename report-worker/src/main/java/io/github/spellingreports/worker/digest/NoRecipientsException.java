package io.github.spellingreports.worker.digest;

/**
 * A digest was asked for while {@code spelling.digest.recipients} is empty.
 */
public class NoRecipientsException extends RuntimeException {

    public NoRecipientsException() {
        super("No digest recipients are configured (spelling.digest.recipients)");
    }

}
