package io.github.spellingreports.events;

import java.util.Map;

/**
 * Kafka topic names shared by intake and worker.
 */
public final class Topics {

    /** Accepted reports, keyed by {@link DedupKey}, so the reports of one variant of an error meet in one partition. */
    public static final String REPORTS = "spelling-reports";

    /** Records the worker could not process; the failure is described in the record headers. */
    public static final String DEAD_LETTERS = REPORTS + ".DLT";

    /**
     * The settings both services give a topic of this many replicas: with 3 or more,
     * {@code min.insync.replicas} 2, so that an acknowledgement ({@code acks=all}, the intake's 202)
     * means two brokers have the record; Kafka's default of 1 meant the leader alone, and a record
     * acknowledged by it was lost with it.
     * @param replicas the topic's replicas
     * @return the settings, none to keep the broker's
     */
    public static Map<String, String> replicationConfigs(int replicas) {
        return (replicas >= 3) ? Map.of("min.insync.replicas", "2") : Map.of();
    }

    private Topics() {
    }

}
