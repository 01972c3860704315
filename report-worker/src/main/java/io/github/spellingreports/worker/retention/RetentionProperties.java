package io.github.spellingreports.worker.retention;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the retention job ({@code spelling.worker.retention.*}): how long personal data and
 * resolved errors are kept.
 * <p>
 * {@code reports} must be at least {@link #MIN_REPORTS 14 days}: a report's id is what makes a
 * redelivered Kafka record count once, so its row must outlive the record in the topic (Kafka keeps
 * records 7 days by default). A shorter period would let a redelivery count a report twice.
 *
 * @param enabled whether the job runs on the {@code cron} schedule
 * @param cron when the job runs (Spring cron, six fields), read in the digest's time zone ({@code spelling.digest.zone})
 * @param reports how long a report (comment, language, received time, client hash) is kept; the error's count stays
 * @param clientHashes how long a report keeps its client hash (salted hash of the reader's address) before it is cleared
 * @param resolvedErrors how long a fixed, dismissed or spam error is kept after its last status change
 * @param mails how long sent digest and alert mails keep their text in the archive (they quote readers' comments)
 * @param batchSize rows deleted or updated per transaction
 */
@Validated
@ConfigurationProperties("spelling.worker.retention")
public record RetentionProperties(
        @DefaultValue("true") boolean enabled,
        @NotBlank @DefaultValue("0 30 3 * * *") String cron,
        @NotNull @DefaultValue("90d") Duration reports,
        @NotNull @DefaultValue("30d") Duration clientHashes,
        @NotNull @DefaultValue("365d") Duration resolvedErrors,
        @NotNull @DefaultValue("90d") Duration mails,
        @Min(1) @Max(100_000) @DefaultValue("1000") int batchSize) {

    /** The shortest report retention: twice Kafka's default retention of 7 days. */
    public static final Duration MIN_REPORTS = Duration.ofDays(14);

    @AssertTrue(message = "must be a Spring cron expression with six fields, e.g. '0 30 3 * * *'")
    public boolean isCronValid() {
        return this.cron == null || CronExpression.isValidExpression(this.cron);
    }

    @AssertTrue(message = "reports must be at least 14d: a report's id stops a redelivered Kafka record from "
            + "counting twice, so the report must be kept longer than the topic keeps records (7 days by default)")
    public boolean isReportsLongEnough() {
        return this.reports == null || this.reports.compareTo(MIN_REPORTS) >= 0;
    }

    @AssertTrue(message = "client-hashes must be positive and not longer than reports")
    public boolean isClientHashesValid() {
        return this.clientHashes == null || this.reports == null
                || (isPositive(this.clientHashes) && this.clientHashes.compareTo(this.reports) <= 0);
    }

    @AssertTrue(message = "resolved-errors must be positive")
    public boolean isResolvedErrorsPositive() {
        return this.resolvedErrors == null || isPositive(this.resolvedErrors);
    }

    @AssertTrue(message = "mails must be positive")
    public boolean isMailsPositive() {
        return this.mails == null || isPositive(this.mails);
    }

    private static boolean isPositive(Duration duration) {
        return !duration.isNegative() && !duration.isZero();
    }

}
