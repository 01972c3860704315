package io.github.spellingreports.worker.lag;

/**
 * A partition's or the group's consumption status, in the spirit of LinkedIn's Burrow; worse
 * statuses have higher levels (the Prometheus gauge value).
 */
public enum LagStatus {

    /** Caught up, or consuming at least as fast as records arrive. */
    OK,

    /** Consuming, but the lag grew across the whole window. */
    WARN,

    /** Members are in the group, yet the committed offset did not move across the window while records wait. */
    STALL,

    /** Nobody consumes: no member in the group and no commit for longer than the window while records wait. */
    STOP;

    /** @return the gauge value: 0 OK, 1 WARN, 2 STALL, 3 STOP */
    public int level() {
        return ordinal();
    }

    /** @return whether this status means the pipeline is not delivering */
    public boolean isFailure() {
        return this == STALL || this == STOP;
    }

    LagStatus worst(LagStatus other) {
        return (other.level() > level()) ? other : this;
    }

}
