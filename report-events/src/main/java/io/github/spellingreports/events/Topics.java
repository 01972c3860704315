package io.github.spellingreports.events;

/**
 * Kafka topic names shared by intake and worker.
 */
public final class Topics {

    /** Accepted reports, keyed by {@link DedupKey}, so the reports of one variant of an error meet in one partition. */
    public static final String REPORTS = "spelling-reports";

    /** Records the worker could not process; the failure is described in the record headers. */
    public static final String DEAD_LETTERS = REPORTS + ".DLT";

    private Topics() {
    }

}
