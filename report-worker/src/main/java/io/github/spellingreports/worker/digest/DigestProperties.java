package io.github.spellingreports.worker.digest;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the daily digest mail ({@code spelling.digest.*}).
 * <p>
 * While scheduled digests are enabled at least one recipient is required: a digest nobody
 * receives is a misconfiguration that should stop start-up, not a silent archive.
 *
 * @param enabled whether the worker builds and mails a digest on the {@code cron} schedule
 * @param cron when the digest is built (Spring cron: second minute hour day month weekday)
 * @param zone time zone in which {@code cron} is read, e.g. {@code Europe/Berlin}
 * @param recipients e-mail addresses of the editors who receive the digest
 * @param from sender address of the digest mail
 * @param subject subject line; {errors}, {reports} and {date} are replaced by the digest's figures
 * @param sendWhenEmpty whether a digest is recorded and mailed even when nothing new was reported
 * @param consoleUrl base URL of the worker console, linked from the digest; none when empty
 * @param retryInitialInterval wait before the first retry of a digest SMTP did not accept
 * @param retryMaxInterval longest wait between retries (the wait doubles up to it)
 * @param retryInterval how often the worker looks for digests due for (re)sending
 * @param claimTimeout how long one worker owns a digest it sends before another may take over
 */
@Validated
@ConfigurationProperties("spelling.digest")
public record DigestProperties(
        @DefaultValue("true") boolean enabled,
        @NotBlank @DefaultValue("0 0 8 * * *") String cron,
        @NotNull @DefaultValue("UTC") ZoneId zone,
        @NotNull @DefaultValue List<@NotBlank @Email String> recipients,
        @NotBlank @Email String from,
        @NotBlank @DefaultValue("Spelling reports, {date}: errors {errors}, new reports {reports}") String subject,
        @DefaultValue("false") boolean sendWhenEmpty,
        URI consoleUrl,
        @NotNull @DefaultValue("30s") Duration retryInitialInterval,
        @NotNull @DefaultValue("30m") Duration retryMaxInterval,
        @NotNull @DefaultValue("30s") Duration retryInterval,
        @NotNull @DefaultValue("5m") Duration claimTimeout) {

    @AssertTrue(message = "must be a Spring cron expression with six fields, e.g. '0 0 8 * * *'")
    public boolean isCronValid() {
        return this.cron == null || CronExpression.isValidExpression(this.cron);
    }

    @AssertTrue(message = "must name at least one address while spelling.digest.enabled is true "
            + "(set SPELLING_DIGEST_RECIPIENTS, or spelling.digest.enabled=false)")
    public boolean isRecipientsPresentWhenEnabled() {
        return !this.enabled || (this.recipients != null && !this.recipients.isEmpty());
    }

    @AssertTrue(message = "must be positive and retry-max-interval must not be shorter than retry-initial-interval")
    public boolean isRetryIntervalsValid() {
        return isPositive(this.retryInitialInterval) && isPositive(this.retryMaxInterval) && isPositive(this.retryInterval)
                && isPositive(this.claimTimeout) && this.retryMaxInterval.compareTo(this.retryInitialInterval) >= 0;
    }

    private static boolean isPositive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

}
