package io.github.spellingreports.events;

/**
 * Kafka topic names shared by intake and worker.
 */
public final class Topics {

    /** Accepted reports, keyed by {@link DedupKey}, so the reports of one variant of an error meet in one partition. */
    public static final String REPORTS = "spelling-reports";

    /** Records the worker could not process; the failure is described in the record headers. */
    public static final String DEAD_LETTERS = REPORTS + ".DLT";

    /**
     * {@code min.insync.replicas} of a topic created with this many replicas, which both services
     * give the topics they create: with 3 or more, 2, so that an acknowledgement ({@code acks=all},
     * the intake's 202) means two brokers have the record; Kafka's default of 1 meant the leader
     * alone, and a record acknowledged by it was lost with it.
     * @param replicas the topic's replicas
     * @return the setting's value, or {@code null} to keep the broker's
     */
    public static String minInSyncReplicas(int replicas) {
        return (replicas >= 3) ? "2" : null;
    }

    private Topics() {
    }

}
