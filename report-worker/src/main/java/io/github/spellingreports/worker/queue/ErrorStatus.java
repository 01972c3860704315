package io.github.spellingreports.worker.queue;

/**
 * Where an error stands in the moderation queue; stored by name in {@code spelling_error.status}.
 */
public enum ErrorStatus {

    /** Reported and not yet handled by an editor. */
    NEW

}
