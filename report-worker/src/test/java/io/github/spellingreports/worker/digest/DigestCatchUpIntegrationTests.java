package io.github.spellingreports.worker.digest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A worker that starts after a scheduled digest time at which no worker ran: against the real
 * database and SMTP server, through {@link DigestService#catchUp}, which the scheduling calls a
 * minute after the start (see {@code DigestSchedulingTests} for which slot it names and when).
 */
class DigestCatchUpIntegrationTests extends DigestApiTestSupport {

    @Autowired
    DigestService service;

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

    /** Yesterday's scheduled time, say a worker that was down from before it until now. */
    private final Instant slot = Instant.now().minus(26, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);

    /** This test database was set up minutes ago: make it a month old, as a running site's is. */
    @BeforeEach
    void databaseSetUpAMonthAgo() {
        setUp(this.slot.minus(30, ChronoUnit.DAYS));
    }

    /**
     * A new installation missed nothing: its first start sent the reports of its first minute as the
     * digest of that morning's 08:00, which came before it was set up (and the README's first
     * "Build and send the digest now" then found nothing new).
     */
    @Test
    void aSlotBeforeTheDatabaseWasSetUpIsNotMadeUp() {
        setUp(this.slot.plus(2, ChronoUnit.HOURS));
        long error = this.data.error("https://news.example/a", "A", "one ", "erorr", " here");
        this.data.reports(error, 3);

        assertThat(this.service.catchUp(this.slot)).isEmpty();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(this.data.digestedReportCount(error)).isZero();

        setUp(this.slot.minus(1, ChronoUnit.MINUTES));
        assertThat(this.service.catchUp(this.slot)).as("set up before it: a worker was down then").hasSize(1);
    }

    @Test
    void aSlotNoWorkerRanIsBuiltOnceAndItsReportsAreNotDigestedAgain() throws Exception {
        long error = this.data.error("https://news.example/a", "A", "one ", "erorr", " here");
        this.data.reports(error, 3);

        assertThat(this.service.catchUp(this.slot)).singleElement()
                .satisfies((digest) -> assertThat(digest.status()).isEqualTo("SENT"));
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(greenMail.getReceivedMessages()[0].getSubject()).as("dated when sent: it lists what came until now")
                .contains(DAY.format(ZonedDateTime.now(ZoneOffset.UTC))).doesNotContain(DAY.format(this.slot.atZone(ZoneOffset.UTC)));
        assertThat(this.data.digestedReportCount(error)).isEqualTo(3);
        assertThat(slots("select slot from digest"))
                .as("recorded as that slot's digest, as the scheduled run would have").containsExactly(this.slot);

        this.data.reports(error, 2);
        assertThat(this.service.catchUp(this.slot)).as("a second worker starting, or this one again").isEmpty();
        assertThat(this.service.buildAndSendAll(this.slot)).as("the slot's own run, had it been late").isEmpty();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(this.data.digestedReportCount(error)).as("the two new reports wait for the next digest").isEqualTo(3);
    }

    @Test
    void aSlotWhoseRunFoundNothingIsNotBuiltLaterWithWhatCameAfterIt() {
        assertThat(this.service.buildAndSendAll(this.slot)).as("the scheduled run: nothing new").isEmpty();
        long error = this.data.error("https://news.example/a", "A", "one ", "erorr", " here");
        this.data.reports(error, 2);

        assertThat(this.service.catchUp(this.slot)).isEmpty();

        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(this.data.digestedReportCount(error)).isZero();
        assertThat(this.service.buildAndSendAll(null)).as("a manual digest still has them").hasSize(1);
    }

    @Test
    void aSlotADigestWasBuiltForBeforeRunsWereRecordedIsNotBuiltAgain() {
        long error = this.data.error("https://news.example/a", "A", "one ", "erorr", " here");
        this.data.reports(error, 1);
        assertThat(this.service.buildAndSendAll(this.slot)).hasSize(1);
        JdbcClient.create(this.dataSource).sql("delete from digest_slot_run").update();
        this.data.reports(error, 1);

        assertThat(this.service.catchUp(this.slot)).isEmpty();

        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    @Test
    void onlyRecentRunsAreKept() {
        for (int daysAgo : new int[] { 90, 40, 30, 1 }) {
            assertThat(this.service.buildAndSendAll(this.slot.minus(daysAgo, ChronoUnit.DAYS))).isEmpty();
        }

        assertThat(slots("select slot from digest_slot_run order by slot"))
                .containsExactly(this.slot.minus(30, ChronoUnit.DAYS), this.slot.minus(1, ChronoUnit.DAYS));
    }

    /** Flyway's record of the first migration, in the session's time zone as Flyway wrote it. */
    private void setUp(Instant when) {
        JdbcClient.create(this.dataSource).sql("""
                update flyway_schema_history set installed_on = (? at time zone current_setting('TimeZone'))""")
                .param(OffsetDateTime.ofInstant(when, ZoneOffset.UTC)).update();
    }

    private List<Instant> slots(String query) {
        return JdbcClient.create(this.dataSource).sql(query).query((rs, row) -> rs.getTimestamp(1).toInstant()).list();
    }

}
