package io.github.spellingreports.worker.console;

import java.util.Locale;

import io.github.spellingreports.worker.lag.LagStatus;

/**
 * How the lag page writes ages and statuses; handed to the template as {@code labels}.
 */
final class LagLabels {

    /** @return the age as the chart's axis writes it, or "unknown" when it could not be read */
    public String age(Double seconds) {
        return (seconds != null) ? LagChart.duration(seconds) : "unknown";
    }

    /** @return the badge classes of a status */
    public String badge(LagStatus status) {
        return "badge badge-lag-" + status.name().toLowerCase(Locale.ROOT);
    }

}
