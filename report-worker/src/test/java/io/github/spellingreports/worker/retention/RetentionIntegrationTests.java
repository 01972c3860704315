package io.github.spellingreports.worker.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.assertj.core.data.TemporalUnitOffset;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import static io.github.spellingreports.worker.retention.RetentionTestData.daysAgo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RetentionIntegrationTests extends WorkerIntegrationTestSupport {

    @Autowired
    private RetentionJob job;

    @Autowired
    private RetentionRepository repository;

    @Autowired
    private RetentionProperties properties;

    @Autowired
    private TransactionTemplate transactions;

    @Autowired
    private JdbcClient jdbc;

    private RetentionTestData data() {
        return new RetentionTestData(this.jdbc);
    }

    @Test
    void reportsPastTheirPeriodAreDeletedAndTheErrorKeepsItsCountAndTimes() {
        RetentionTestData data = data();
        Instant first = daysAgo(120);
        Instant last = daysAgo(10);
        long errorId = data.error("NEW", null, 3, first, last);
        UUID oldest = data.report(errorId, first);
        UUID old = data.report(errorId, daysAgo(91));
        UUID recent = data.report(errorId, last);

        RetentionResult result = this.job.purge();

        assertThat(result.complete()).isTrue();
        assertThat(result.reports()).isGreaterThanOrEqualTo(2);
        assertThat(data.count("report", "report_id", oldest)).isZero();
        assertThat(data.count("report", "report_id", old)).isZero();
        assertThat(data.count("report", "report_id", recent)).isOne();
        Map<String, Object> error = this.jdbc.sql(
                "select report_count, first_reported_at, last_reported_at from spelling_error where id = ?")
                .param(errorId).query().singleRow();
        assertThat(error.get("report_count")).isEqualTo(3);
        assertThat(((Timestamp) error.get("first_reported_at")).toInstant()).isCloseTo(first, aSecond());
        assertThat(((Timestamp) error.get("last_reported_at")).toInstant()).isCloseTo(last, aSecond());
    }

    @Test
    void clientHashesPastTheirPeriodAreClearedWhileTheReportStays() {
        RetentionTestData data = data();
        long errorId = data.error("NEW", null, 2, daysAgo(40), daysAgo(5));
        UUID older = data.report(errorId, daysAgo(31));
        UUID recent = data.report(errorId, daysAgo(5));

        RetentionResult result = this.job.purge();

        assertThat(result.clientHashes()).isGreaterThanOrEqualTo(1);
        assertThat(data.count("report", "report_id", older)).isOne();
        assertThat(data.clientHash(older)).isNull();
        assertThat(data.clientHash(recent)).isEqualTo("hash-" + recent);
    }

    @Test
    void resolvedErrorsPastTheirPeriodAreDeletedWithEverythingThatRefersToThem() {
        RetentionTestData data = data();
        long[] resolved = { data.error("FIXED", daysAgo(366), 1, daysAgo(400), daysAgo(400)),
                data.error("DISMISSED", daysAgo(400), 1, daysAgo(400), daysAgo(400)),
                data.error("SPAM", daysAgo(800), 1, daysAgo(800), daysAgo(100)) };
        UUID[] reports = new UUID[resolved.length];
        for (int i = 0; i < resolved.length; i++) {
            // recent enough to survive on its own: it goes because its error goes
            reports[i] = data.report(resolved[i], daysAgo(1));
            data.history(resolved[i], "FIXED");
        }
        long digestId = data.digestListing(resolved);
        String expiredLink = data.usedLink(resolved[0], daysAgo(2));
        // expired by the database's clock, maybe not yet by a worker's that is behind it
        String justExpiredLink = data.usedLink(resolved[2], Instant.now().minus(Duration.ofHours(1)));
        String validLink = data.usedLink(resolved[1], Instant.now().plus(Duration.ofDays(3)));

        RetentionResult result = this.job.purge();

        assertThat(result.resolvedErrors()).isGreaterThanOrEqualTo(3);
        assertThat(result.resolvedErrorReports()).isGreaterThanOrEqualTo(3);
        for (int i = 0; i < resolved.length; i++) {
            assertThat(data.count("spelling_error", "id", resolved[i])).isZero();
            assertThat(data.count("report", "report_id", reports[i])).isZero();
            assertThat(data.count("status_change", "error_id", resolved[i])).isZero();
            assertThat(data.count("digest_item", "error_id", resolved[i])).isZero();
        }
        // the archive keeps the mail as it was sent
        assertThat(data.count("digest", "id", digestId)).isOne();
        assertThat(data.count("used_action_link", "signature", expiredLink)).isZero();
        assertThat(data.count("used_action_link", "signature", validLink)).isOne();
        assertThat(data.count("used_action_link", "signature", justExpiredLink)).isOne();
    }

    /**
     * A spam or dismissed error that readers (or a bot) still report stays, with its recent reports:
     * deleted, its next report made it a NEW error again in the queue, and a report sent again counted twice.
     */
    @Test
    void aResolvedErrorThatIsStillReportedStays() {
        RetentionTestData data = data();
        long spam = data.error("SPAM", daysAgo(800), 40, daysAgo(800), daysAgo(1));
        UUID report = data.report(spam, daysAgo(1));

        this.job.purge();

        assertThat(data.count("spelling_error", "id", spam)).isOne();
        assertThat(data.count("report", "report_id", report)).isOne();
    }

    @Test
    void oldSentMailsLoseTheirTextButKeepTheirRecordWhilePendingAndRecentOnesStay() {
        RetentionTestData data = data();
        long errorId = data.error("NEW", null, 5, daysAgo(100), daysAgo(100));
        long oldDigest = data.digestMail("SENT", daysAgo(91));
        long recentDigest = data.digestMail("SENT", daysAgo(89));
        long oldPendingDigest = data.digestMail("PENDING", daysAgo(120));
        long oldAlert = data.alertMail(errorId, "SENT", daysAgo(91));
        long oldPendingAlert = data.alertMail(errorId, "PENDING", daysAgo(120));

        RetentionResult result = this.job.purge();

        assertThat(result.mails()).isGreaterThanOrEqualTo(2);
        assertThat(data.mailText("digest", "text_body", oldDigest)).isEqualTo(RetentionRepository.REMOVED_MAIL);
        assertThat(data.mailText("digest", "html_body", oldDigest)).contains(RetentionRepository.REMOVED_MAIL)
                .doesNotContain("555-0100");
        assertThat(data.mailText("digest", "subject", oldDigest)).isEqualTo("Mail retention test");
        assertThat(data.mailText("hot_alert", "body_text", oldAlert)).isEqualTo(RetentionRepository.REMOVED_MAIL);
        assertThat(data.mailText("hot_alert", "webhook_text", oldAlert)).doesNotContain("call me");
        // a mail still to be delivered keeps its text however old; recent ones too
        assertThat(data.mailText("digest", "text_body", recentDigest)).contains("555-0100");
        assertThat(data.mailText("digest", "text_body", oldPendingDigest)).contains("555-0100");
        assertThat(data.mailText("hot_alert", "body_text", oldPendingAlert)).contains("555-0100");
        // the second run finds nothing left to clear
        assertThat(this.job.purge().mails()).isZero();
    }

    @Test
    void newErrorsAreNeverDeletedHoweverOld() {
        RetentionTestData data = data();
        // reopened long ago: status_changed_at is set, yet a NEW error waits for an editor
        long reopened = data.error("NEW", daysAgo(2000), 1, daysAgo(2000), daysAgo(2000));
        long neverModerated = data.error("NEW", null, 1, daysAgo(3000), daysAgo(3000));
        data.report(reopened, daysAgo(2000));

        this.job.purge();

        assertThat(data.count("spelling_error", "id", reopened)).isOne();
        assertThat(data.count("spelling_error", "id", neverModerated)).isOne();
        assertThat(data.count("report", "error_id", reopened)).isZero();
    }

    @Test
    void recentlyResolvedErrorsAndRecentReportsAreUntouched() {
        RetentionTestData data = data();
        long fixed = data.error("FIXED", daysAgo(364), 1, daysAgo(80), daysAgo(80));
        UUID report = data.report(fixed, daysAgo(80));
        data.history(fixed, "FIXED");
        data.digestListing(fixed);

        this.job.purge();

        assertThat(data.count("spelling_error", "id", fixed)).isOne();
        assertThat(data.count("report", "report_id", report)).isOne();
        assertThat(data.count("status_change", "error_id", fixed)).isOne();
        assertThat(data.count("digest_item", "error_id", fixed)).isOne();
        assertThat(data.clientHash(report)).isNull();
    }

    @Test
    void runWhileAnotherWorkerHoldsTheLockDeletesNothing() {
        RetentionTestData data = data();
        long errorId = data.error("NEW", null, 1, daysAgo(100), daysAgo(100));
        UUID old = data.report(errorId, daysAgo(100));

        RetentionResult result = this.transactions.execute((tx) -> {
            this.jdbc.sql("select pg_advisory_xact_lock(?)").param(RetentionRepository.PURGE_LOCK).query().listOfRows();
            // another thread, so another connection: the lock belongs to this transaction
            return CompletableFuture.supplyAsync(this.job::purge).join();
        });

        assertThat(result).isEqualTo(new RetentionResult(false, 0, 0, 0, 0, 0, 0));
        assertThat(data.count("report", "report_id", old)).isOne();
        assertThat(this.job.purge().complete()).isTrue();
        assertThat(data.count("report", "report_id", old)).isZero();
    }

    @Test
    void twoConcurrentRunsDeleteEveryRowOnceAndNeitherFails() {
        RetentionTestData data = data();
        long errorId = data.error("NEW", null, 1200, daysAgo(200), daysAgo(200));
        this.jdbc.sql("""
                insert into report (report_id, error_id, received_at, comment)
                select gen_random_uuid(), ?, now() - interval '100 days', 'old' from generate_series(1, 1200)""")
                .param(errorId).update();
        int due = this.jdbc.sql("select count(*) from report where received_at < now() - interval '90 days'")
                .query(Integer.class).single();
        // small batches, so that the two runs meet many times
        CompletableFuture<RetentionResult> one = CompletableFuture.supplyAsync(() -> smallBatchJob().purge());
        RetentionResult two = smallBatchJob().purge();

        RetentionResult first = one.join();
        assertThat(first.complete() || two.complete()).isTrue();
        assertThat(first.reports() + two.reports()).isEqualTo(due);
        assertThat(data.count("report", "error_id", errorId)).isZero();
        assertThat(data.count("spelling_error", "id", errorId)).isOne();
    }

    private RetentionJob smallBatchJob() {
        return new RetentionJob(this.repository, new RetentionProperties(true, this.properties.cron(),
                this.properties.reports(), this.properties.clientHashes(), this.properties.resolvedErrors(),
                this.properties.mails(), 50),
                this.transactions);
    }

    private static TemporalUnitOffset aSecond() {
        return within(1, ChronoUnit.SECONDS);
    }

}
