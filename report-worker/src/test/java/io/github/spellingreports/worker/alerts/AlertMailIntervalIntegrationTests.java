package io.github.spellingreports.worker.alerts;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * With {@code spelling.alerts.mail-interval} set, a desk gets its first alert mail and webhook message
 * at once and the alerts found within the interval after it wait and share the next mail and message.
 */
@TestPropertySource(properties = { "spelling.alerts.mail-interval=10s", "spelling.digest.routes[0].name=interval",
        "spelling.digest.routes[0].url-prefix=" + AlertMailIntervalIntegrationTests.DESK_PAGES,
        "spelling.digest.routes[0].recipients=interval@example.com", "spelling.digest.routes[1].name=concurrent",
        "spelling.digest.routes[1].url-prefix=" + AlertMailIntervalIntegrationTests.CONCURRENT_DESK_PAGES,
        "spelling.digest.routes[1].recipients=concurrent@example.com", "spelling.digest.routes[2].name=burst",
        "spelling.digest.routes[2].url-prefix=" + AlertMailIntervalIntegrationTests.BURST_DESK_PAGES,
        "spelling.digest.routes[2].recipients=burst@example.com" })
class AlertMailIntervalIntegrationTests extends HotAndPageCheckTestSupport {

    /** Pages of a desk of this test's own: no other test's alert takes its slots. */
    static final String DESK_PAGES = "https://interval.example.com/";

    /** Pages of another desk, for the test of checks at the same time. */
    static final String CONCURRENT_DESK_PAGES = "https://concurrent.example.com/";

    /** Pages of a desk whose slot gets more alerts than one poll used to take. */
    static final String BURST_DESK_PAGES = "https://burst.example.com/";

    @Autowired
    HotAlerts alerts;

    @Autowired
    AlertDelivery delivery;

    @Autowired
    DataSource dataSource;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Test
    void alertsWithinTheIntervalWaitAndShareTheDesksNextMail() throws Exception {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        // two hours ago and stored without events: only this test's checks find them hot
        Instant t = Instant.now().minus(Duration.ofHours(2));
        String firstPage = DESK_PAGES + UUID.randomUUID();
        String secondPage = DESK_PAGES + UUID.randomUUID();
        String thirdPage = DESK_PAGES + UUID.randomUUID();
        long first = error(jdbc, firstPage, t, 0, 10, 20, 30, 40);
        long second = error(jdbc, secondPage, t, 0, 10, 20, 30, 40);
        long third = error(jdbc, thirdPage, t, 0, 10, 20, 30, 40);

        List<Long> firstAlert = this.alerts.check(List.of(new HotAlertRepository.Candidate(first, t)));
        this.delivery.deliver(firstAlert);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(alertMails(first)).hasSize(1));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hooks(firstPage)).hasSize(1));

        List<Long> later = concat(this.alerts.check(List.of(new HotAlertRepository.Candidate(second, t))),
                this.alerts.check(List.of(new HotAlertRepository.Candidate(third, t))));
        this.delivery.deliver(later);

        // both wait for the desk's next slot, 10 s after the first mail was due, and share it
        List<Timestamp> slots = jdbc.sql("select mail_scheduled_at from hot_alert where id = any(?) order by id")
                .param(concat(firstAlert, later).toArray(Long[]::new)).query(Timestamp.class).list();
        assertThat(Duration.between(slots.get(0).toInstant(), slots.get(1).toInstant())).isEqualTo(Duration.ofSeconds(10));
        assertThat(slots.get(2)).isEqualTo(slots.get(1));
        assertThat(alertMails(second)).isEmpty();
        assertThat(alertMails(third)).isEmpty();
        assertThat(hooks(secondPage)).isEmpty();
        assertThat(hooks(thirdPage)).isEmpty();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(alertMails(second)).hasSize(1));
        MimeMessage shared = alertMails(second).get(0);
        assertThat(alertMails(third)).extracting(MimeMessage::getMessageID).containsExactly(shared.getMessageID());
        assertThat(shared.getSubject()).startsWith("[interval] 2 hot typos: ");
        assertThat(shared.getAllRecipients()).extracting(Object::toString).containsExactly("interval@example.com");
        assertThat(shared.getSentDate().toInstant()).isAfterOrEqualTo(slots.get(1).toInstant().minusSeconds(1));
        // marked sent once the SMTP server has taken the mail, a moment after GreenMail shows it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc
                .sql("select mail_status from hot_alert where id = any(?)").param(later.toArray(Long[]::new))
                .query(String.class).list()).containsExactly("SENT", "SENT"));

        // the webhook keeps the desk's pace too: one message for both, in the same slot
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hooks(secondPage)).hasSize(1));
        assertThat(hooks(thirdPage)).isEqualTo(hooks(secondPage));
        assertThat(hooks(secondPage).get(0).body()).startsWith("{\"text\":\"2 hot typos at once:");
        assertThat(jdbc.sql("select webhook_next_attempt_at from hot_alert where id = any(?)")
                .param(later.toArray(Long[]::new)).query(Timestamp.class).list()).containsOnly(slots.get(1));
    }

    /**
     * The poll took 20 due webhook deliveries at a time: a slot of 24 alerts reached the channel as
     * "20 hot typos at once" and, a poll later, 4 more. Up to {@code max-per-mail} (25) they are one
     * message, as they are one mail.
     */
    @Test
    void slotOfMoreAlertsThanAPollUsedToTakeIsOneMessageAndOneMail() throws Exception {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        Instant t = Instant.now().minus(Duration.ofHours(2));
        String firstPage = BURST_DESK_PAGES + UUID.randomUUID();
        long first = error(jdbc, firstPage, t, 0, 10, 20, 30, 40);
        this.delivery.deliver(this.alerts.check(List.of(new HotAlertRepository.Candidate(first, t))));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hooks(firstPage)).hasSize(1));
        List<String> pages = new java.util.ArrayList<>();
        List<HotAlertRepository.Candidate> burst = new java.util.ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String page = BURST_DESK_PAGES + UUID.randomUUID();
            pages.add(page);
            burst.add(new HotAlertRepository.Candidate(error(jdbc, page, t, 0, 10, 20, 30, 40), t));
        }

        // one check: one slot, the desk's next
        List<Long> ids = this.alerts.check(burst);
        this.delivery.deliver(ids);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(jdbc
                .sql("select count(*) from hot_alert where id = any(?) and webhook_status = 'SENT' and mail_status = 'SENT'")
                .param(ids.toArray(Long[]::new)).query(Long.class).single()).isEqualTo(24));
        List<LocalWeb.Hook> messages = LocalWeb.hooks.stream()
                .filter((hook) -> pages.stream().anyMatch(hook.body()::contains)).toList();
        assertThat(messages).hasSize(1);
        assertThat(messages.get(0).body()).startsWith("{\"text\":\"24 hot typos at once:");
        assertThat(pages).allMatch(messages.get(0).body()::contains);
        assertThat(alertMails(burst.get(0).errorId())).hasSize(1);
        assertThat(alertMails(burst.get(0).errorId()).get(0).getHeader("X-Spelling-Alert-Id", ",").split(", ")).hasSize(24);
    }

    /**
     * Two checks of one desk's errors at the same time (the two alert threads, two workers) each read
     * the desk's last slot before the other committed: both alerts were due at once, two mails within
     * the interval. The second now waits for the first's transaction and takes the next slot.
     */
    @Test
    void checksOfOneDeskAtTheSameTimeKeepItsInterval() throws Exception {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        Instant t = Instant.now().minus(Duration.ofHours(2));
        long first = error(jdbc, CONCURRENT_DESK_PAGES + UUID.randomUUID(), t, 0, 10, 20, 30, 40);
        long second = error(jdbc, CONCURRENT_DESK_PAGES + UUID.randomUUID(), t, 0, 10, 20, 30, 40);
        CountDownLatch firstRecorded = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        TransactionTemplate transaction = new TransactionTemplate(this.transactionManager);
        // the first check's transaction stays open until the second check has started
        CompletableFuture<List<Long>> firstCheck = CompletableFuture.supplyAsync(() -> transaction.execute((status) -> {
            List<Long> ids = this.alerts.check(List.of(new HotAlertRepository.Candidate(first, t)));
            firstRecorded.countDown();
            try {
                assertThat(commitFirst.await(30, TimeUnit.SECONDS)).isTrue();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            return ids;
        }));
        assertThat(firstRecorded.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<List<Long>> secondCheck = CompletableFuture
                .supplyAsync(() -> this.alerts.check(List.of(new HotAlertRepository.Candidate(second, t))));
        await().atMost(Duration.ofSeconds(30)).until(() -> secondCheck.isDone() || jdbc
                .sql("select count(*) from pg_locks where locktype = 'advisory' and not granted").query(Long.class).single() > 0);
        commitFirst.countDown();

        List<Long> ids = concat(firstCheck.get(30, TimeUnit.SECONDS), secondCheck.get(30, TimeUnit.SECONDS));
        List<Timestamp> slots = jdbc.sql("select mail_scheduled_at from hot_alert where id = any(?) order by id")
                .param(ids.toArray(Long[]::new)).query(Timestamp.class).list();
        assertThat(slots).hasSize(2);
        assertThat(Duration.between(slots.get(0).toInstant(), slots.get(1).toInstant())).isEqualTo(Duration.ofSeconds(10));
    }

    private static List<LocalWeb.Hook> hooks(String page) {
        return LocalWeb.hooks.stream().filter((hook) -> hook.body().contains(page)).toList();
    }

    private static List<Long> concat(List<Long> a, List<Long> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

}
