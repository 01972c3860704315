package io.github.spellingreports.worker.queue;

/**
 * Where an error stands in the moderation queue; stored by name in {@code spelling_error.status}.
 * An open error ({@link #NEW}) is settled with one of the other statuses and can be reopened.
 */
public enum ErrorStatus {

    /** Reported and not yet handled by an editor; the only status the digest lists. */
    NEW,

    /** Corrected on the page; a later report reopens it. */
    FIXED,

    /** Not an error (or not worth fixing); later reports are counted only. */
    DISMISSED,

    /** Abuse of the widget; later reports are counted only. */
    SPAM;

    /**
     * @param target the status asked for
     * @return whether an editor may move an error from this status to {@code target}
     */
    public boolean canChangeTo(ErrorStatus target) {
        return (this == NEW) ? target != NEW : target == NEW;
    }

}
