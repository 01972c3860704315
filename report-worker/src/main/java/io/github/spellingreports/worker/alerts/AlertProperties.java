package io.github.spellingreports.worker.alerts;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of hot-typo alerts ({@code spelling.alerts.*}): an error that many readers report within a
 * short time is mailed to its desk at once instead of waiting for the digest.
 *
 * @param enabled whether the worker sends hot-typo alerts
 * @param hotThreshold reports within {@code hotWindow} that make an error hot
 * @param hotWindow the time span (by the reports' receipt time) in which {@code hotThreshold} reports must arrive
 * @param webhookUrl optional Slack-compatible incoming webhook that also receives each alert as {@code {"text": ...}}
 * @param webhookConnectTimeout longest wait for the webhook's TCP connection
 * @param webhookReadTimeout longest wait for the webhook's answer; with the connect timeout, shorter than
 *        {@code claimTimeout}
 * @param webhookMaxAttempts attempts per alert before the webhook delivery is given up (logged)
 * @param retryInitialInterval wait before the first retry of a mail or webhook delivery that failed
 * @param retryMaxInterval longest wait between retries (the wait doubles up to it)
 * @param retryInterval how often the worker looks for alerts due for (re)sending and for hot errors it missed
 * @param claimTimeout how long one worker owns an alert it sends before another may take over
 * @param threads threads that check stored polls for hot errors and send their alerts, off the consumer thread
 * @param queueCapacity stored polls waiting for such a thread; when full, the alert poll finds their hot errors
 * @param maxPerMail alerts of one desk sent together that share a mail, or a webhook message, at most (1: one each)
 * @param mailInterval shortest time between two alert mails to one desk, and between two of its webhook
 *        messages: alerts found meanwhile wait and share the next one ({@code 0}: each check's alerts go at once)
 */
@Validated
@ConfigurationProperties("spelling.alerts")
public record AlertProperties(
        @DefaultValue("true") boolean enabled,
        @Min(1) @Max(100_000) @DefaultValue("5") int hotThreshold,
        @NotNull @DefaultValue("30m") Duration hotWindow,
        URI webhookUrl,
        @NotNull @DefaultValue("2s") Duration webhookConnectTimeout,
        @NotNull @DefaultValue("5s") Duration webhookReadTimeout,
        @Min(1) @Max(100) @DefaultValue("5") int webhookMaxAttempts,
        @NotNull @DefaultValue("30s") Duration retryInitialInterval,
        @NotNull @DefaultValue("30m") Duration retryMaxInterval,
        @NotNull @DefaultValue("30s") Duration retryInterval,
        @NotNull @DefaultValue("5m") Duration claimTimeout,
        @Min(1) @Max(32) @DefaultValue("2") int threads,
        @Min(1) @Max(100_000) @DefaultValue("1000") int queueCapacity,
        @Min(1) @Max(100) @DefaultValue("25") int maxPerMail,
        @NotNull @DefaultValue("0s") Duration mailInterval) {

    @AssertTrue(message = "mail-interval must not be negative")
    public boolean isMailIntervalValid() {
        return this.mailInterval == null || !this.mailInterval.isNegative();
    }

    @AssertTrue(message = "durations must be positive and retry-max-interval not shorter than retry-initial-interval")
    public boolean isDurationsValid() {
        return positive(this.hotWindow) && positive(this.webhookConnectTimeout) && positive(this.webhookReadTimeout)
                && positive(this.retryInitialInterval) && positive(this.retryMaxInterval) && positive(this.retryInterval)
                && positive(this.claimTimeout) && this.retryMaxInterval.compareTo(this.retryInitialInterval) >= 0;
    }

    /** A call still running when its claim ran out let a second worker post the same message. */
    @AssertTrue(message = "webhook-connect-timeout plus webhook-read-timeout must be shorter than claim-timeout")
    public boolean isWebhookTimeoutsWithinClaim() {
        return this.webhookConnectTimeout == null || this.webhookReadTimeout == null || this.claimTimeout == null
                || this.webhookConnectTimeout.plus(this.webhookReadTimeout).compareTo(this.claimTimeout) < 0;
    }

    @AssertTrue(message = "webhook-url must be an absolute http or https URL")
    public boolean isWebhookUrlValid() {
        return this.webhookUrl == null || ("http".equalsIgnoreCase(this.webhookUrl.getScheme())
                || "https".equalsIgnoreCase(this.webhookUrl.getScheme())) && this.webhookUrl.getHost() != null;
    }

    /**
     * @param attempts attempts made so far, at least 1
     * @return the initial interval doubled per further attempt, at most the maximum interval
     */
    Duration backOff(int attempts) {
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration wait = this.retryInitialInterval.multipliedBy(1L << doublings);
        return (wait.compareTo(this.retryMaxInterval) > 0) ? this.retryMaxInterval : wait;
    }

    private static boolean positive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

}
