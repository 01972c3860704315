package io.github.spellingreports.intake.abuse;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;

/**
 * A token bucket of {@code requests} refilled over {@code period}, written {@code 10/1m} in settings
 * (the period in Spring Boot's duration style: {@code 1s}, {@code 1m}, {@code 1h}, {@code 1d}): a
 * burst of {@code requests}, then one every {@code period / requests}; so at most {@code 2 × requests - 1}
 * in any one period, {@code requests} per period over a longer time.
 *
 * @param requests how many requests the period allows; also the burst a client may send at once
 * @param period the window the requests are spread over
 */
public record Limit(int requests, Duration period) {

    public Limit {
        if (requests < 1) {
            throw new IllegalArgumentException("a limit must allow at least one request, not " + requests);
        }
        if (period == null || period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a limit's period must be positive");
        }
        if (period.toNanos() / requests < 1) {
            throw new IllegalArgumentException("a limit cannot allow more than one request per nanosecond");
        }
    }

    /**
     * Reads the settings form; Spring's conversion service finds this method by its name.
     * @param text such as {@code 60/1h}
     * @return the limit
     * @throws IllegalArgumentException when the text is not {@code N/period}
     */
    public static Limit valueOf(String text) {
        String[] parts = text.strip().split("/", 2);
        if (parts.length != 2) {
            throw new IllegalArgumentException("'" + text + "' is not a limit such as 10/1m");
        }
        try {
            return new Limit(Integer.parseInt(parts[0].strip()), DurationStyle.detectAndParse(parts[1].strip()));
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException("'" + text + "' is not a limit such as 10/1m", ex);
        }
    }

    @Override
    public String toString() {
        return requests + "/" + period;
    }

}
