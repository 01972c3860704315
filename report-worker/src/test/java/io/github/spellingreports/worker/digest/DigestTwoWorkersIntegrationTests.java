package io.github.spellingreports.worker.digest;

import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import jakarta.mail.internet.MimeMessage;
import io.github.spellingreports.worker.MailSenders;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two workers whose cron fires for the same slot: two independent digest services (own
 * repository, builder and sender) on one database, started together.
 */
class DigestTwoWorkersIntegrationTests extends WorkerIntegrationTestSupport {

    @Autowired
    DataSource dataSource;

    @Autowired
    DigestService firstWorker;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    DigestRenderer renderer;

    @Autowired
    DigestProperties properties;

    @Autowired
    DigestSizeProperties size;

    @Autowired
    ObjectProvider<JavaMailSender> mailSender;

    DigestTestData data;

    @BeforeEach
    void cleanUp() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        this.data = new DigestTestData(this.dataSource);
        this.data.clean();
    }

    @AfterEach
    void leaveNoDigests() {
        this.data.clean();
    }

    @RepeatedTest(3)
    void sameSlotOnTwoWorkersBuildsAndSendsOneDigest() throws Exception {
        long error = this.data.error("https://news.example/a", "A", "one ", "erorr", " here");
        this.data.reports(error, 3);
        DigestService secondWorker = secondWorker();
        Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        CyclicBarrier start = new CyclicBarrier(2);

        CompletableFuture<Optional<DigestSummary>> first = CompletableFuture.supplyAsync(() -> fire(this.firstWorker, slot, start));
        CompletableFuture<Optional<DigestSummary>> second = CompletableFuture.supplyAsync(() -> fire(secondWorker, slot, start));

        List<Optional<DigestSummary>> results = List.of(first.get(), second.get());
        assertThat(results).filteredOn(Optional::isPresent).singleElement()
                .satisfies((digest) -> assertThat(digest.get().status()).isEqualTo("SENT"));
        assertThat(this.data.digestRows()).isOne();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
        assertThat(this.data.digestedReportCount(error)).isEqualTo(3);

        // the slot is taken: a late start of its cron builds nothing, though there is something new by then
        this.data.reports(error, 2);
        assertThat(secondWorker.buildAndSend(slot)).isEmpty();
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    /**
     * Two workers' crons fire for one slot: one runs it, its page check included. Each had checked
     * every page (the site fetched twice) and marked errors fixed before the slot was taken, and the
     * digest's "already corrected" line counted only the sending worker's.
     */
    @RepeatedTest(3)
    void sameSlotOnTwoWorkersChecksThePagesOnce() throws Exception {
        this.data.reports(this.data.error("https://news.example/a", "A", "one ", "erorr", " here"), 3);
        AtomicInteger checks = new AtomicInteger();
        DigestPreStep pageCheck = (errorIds) -> {
            checks.incrementAndGet();
            return Map.of(DigestProperties.DEFAULT_DESK, 2);
        };
        DigestService first = worker(pageCheck);
        DigestService second = worker(pageCheck);
        Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        CyclicBarrier start = new CyclicBarrier(2);

        CompletableFuture<Optional<DigestSummary>> one = CompletableFuture.supplyAsync(() -> fire(first, slot, start));
        CompletableFuture<Optional<DigestSummary>> two = CompletableFuture.supplyAsync(() -> fire(second, slot, start));

        assertThat(List.of(one.get(), two.get())).filteredOn(Optional::isPresent).hasSize(1);
        assertThat(checks).hasValue(1);
        assertThat(greenMail.getReceivedMessages()).singleElement().satisfies((mail) -> assertThat(
                DigestMail.of(mail).html().selectFirst("#corrected-on-page").text()).startsWith("2 errors were already corrected"));
    }

    /**
     * The other workers wait for a run as long as it takes (its page check, its mail), longer than
     * the pool's socket timeout (spelling.worker.database-socket-timeout): their wait for the run's
     * lock failed at it, each logging an error, and none of them could take the slot over should
     * the running worker die after that.
     */
    @Test
    void aWorkerWaitsForAnothersRunLongerThanTheDatabaseSocketTimeout() throws Exception {
        this.data.reports(this.data.error("https://news.example/a", "A", "one ", "erorr", " here"), 2);
        HikariDataSource impatient = new HikariDataSource();
        impatient.setJdbcUrl(((HikariDataSource) this.dataSource).getJdbcUrl());
        impatient.setUsername("postgres");
        impatient.setPassword("postgres");
        impatient.addDataSourceProperty("socketTimeout", "1");
        try {
            CountDownLatch checking = new CountDownLatch(1);
            DigestService first = worker((errorIds) -> {
                checking.countDown();
                // a page check that takes its time (the site slow to answer): until the other worker has
                // waited for the run's lock longer than its pool's socket timeout (1 s)
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(new JdbcTemplate(this.dataSource)
                        .queryForObject("""
                                select count(*) from pg_stat_activity
                                 where wait_event_type = 'Lock' and query like 'select pg_advisory_lock(%'
                                   and clock_timestamp() - query_start > interval '1500 milliseconds'""", Integer.class))
                        .isPositive());
                return Map.of();
            });
            DigestService second = worker(DigestPreStep.NONE, impatient);
            Instant slot = Instant.now().truncatedTo(ChronoUnit.MINUTES);

            CompletableFuture<Optional<DigestSummary>> one = CompletableFuture.supplyAsync(() -> first.buildAndSend(slot));
            assertThat(checking.await(20, TimeUnit.SECONDS)).isTrue();
            Optional<DigestSummary> two = second.buildAndSend(slot);

            assertThat(two).isEmpty();
            assertThat(one.get(20, TimeUnit.SECONDS)).isPresent();
            assertThat(this.data.digestRows()).isOne();
        }
        finally {
            impatient.close();
        }
    }

    /**
     * A desk's digest whose claim runs out while the digests before it are sent (a slow relay, many
     * desks) is taken over by another worker's resend poll, which sends it; the worker that built it
     * then does not send it too.
     */
    @Test
    void aDigestTakenOverWhileTheOnesBeforeItWereSentIsSentOnce() throws Exception {
        this.data.reports(this.data.error("https://news.example/a", "A", "one ", "erorr", " here"), 2);
        this.data.reports(this.data.error("https://news.example/sport/a", "Sport", "the ", "mach", " ended"), 2);
        DigestProperties desks = new DigestProperties(true, "0 0 8 * * *", ZoneOffset.UTC, List.of("desk@example.com"),
                "reports@example.com", this.properties.subject(), false, this.properties.consoleUrl(),
                Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofMinutes(5),
                List.of(new DigestProperties.Route("sport", "https://news.example/sport/", null, List.of("sport@example.com"))));
        JavaMailSender relay = this.mailSender.getObject();
        DigestRepository repository = new DigestRepository(new JdbcTemplate(this.dataSource));
        DigestSender secondWorker = new DigestSender(repository, MailSenders.providing(relay), desks, new SimpleMeterRegistry());
        AtomicBoolean first = new AtomicBoolean(true);
        // while the first worker sends the default desk's digest, the sport digest's claim runs out and the second takes it
        JavaMailSender slowRelay = new Delegating(relay, () -> {
            if (first.getAndSet(false)) {
                new JdbcTemplate(this.dataSource).update(
                        "update digest set claimed_until = now() - interval '1 second' where desk = 'sport' and status = 'PENDING'");
                assertThat(secondWorker.sendDue()).isOne();
            }
        });
        DigestService firstWorker = new DigestService(new DigestBuilder(repository, this.transactionManager, this.renderer,
                desks, this.size), new DigestSender(repository, MailSenders.providing(slowRelay), desks, new SimpleMeterRegistry()),
                repository, DigestPreStep.NONE);

        firstWorker.buildAndSendAll(null);

        assertThat(greenMail.getReceivedMessages()).extracting((mail) -> mail.getAllRecipients()[0].toString())
                .containsExactlyInAnyOrder("desk@example.com", "sport@example.com");
    }

    /** A relay that runs a step after each mail it passes on. */
    private record Delegating(JavaMailSender relay, Runnable afterEach) implements JavaMailSender {

        @Override
        public MimeMessage createMimeMessage() {
            return this.relay.createMimeMessage();
        }

        @Override
        public MimeMessage createMimeMessage(InputStream content) {
            return this.relay.createMimeMessage(content);
        }

        @Override
        public void send(MimeMessage... messages) {
            this.relay.send(messages);
            this.afterEach.run();
        }

        @Override
        public void send(SimpleMailMessage... messages) {
            this.relay.send(messages);
            this.afterEach.run();
        }

    }

    private DigestService secondWorker() {
        return worker(DigestPreStep.NONE);
    }

    private DigestService worker(DigestPreStep preStep) {
        return worker(preStep, this.dataSource);
    }

    private DigestService worker(DigestPreStep preStep, DataSource database) {
        DigestRepository repository = new DigestRepository(new JdbcTemplate(database));
        DigestBuilder builder = new DigestBuilder(repository, new DataSourceTransactionManager(database), this.renderer,
                this.properties, this.size);
        return new DigestService(builder, new DigestSender(repository, this.mailSender, this.properties,
                new SimpleMeterRegistry()), repository, preStep);
    }

    private static Optional<DigestSummary> fire(DigestService worker, Instant slot, CyclicBarrier start) {
        try {
            start.await();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
        return worker.buildAndSend(slot);
    }

}
