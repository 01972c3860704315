package io.github.spellingreports.worker.digest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings that bound the size of one digest mail; they live under {@code spelling.digest.*} next to the
 * digest's other settings (a record of their own, so that adding a bound does not change how
 * {@link DigestProperties} is constructed).
 * <p>
 * A backlog (a worker down for a weekend, a site-wide typo) must not turn the digest into a mail of megabytes
 * that clients clip or refuse: the most reported errors are listed in full, the rest are counted per page
 * with a link to the console queue.
 *
 * @param maxErrorsInFull errors listed in full (context, comments, one-click links), most reported first; the others
 *        are summarised per page
 * @param summaryPages pages of the summarised errors that are named, one line each, most reported first
 * @param maxCommentsPerError distinct reader comments shown per error, the most recent ones; the console has them all
 */
@Validated
@ConfigurationProperties("spelling.digest")
public record DigestSizeProperties(
        @Min(1) @Max(2000) @DefaultValue("100") int maxErrorsInFull,
        @Min(0) @Max(500) @DefaultValue("20") int summaryPages,
        @Min(0) @Max(100) @DefaultValue("5") int maxCommentsPerError) {
}
