package io.github.spellingreports.worker.digest;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import javax.sql.DataSource;

import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

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
    }

    private DigestService secondWorker() {
        DigestRepository repository = new DigestRepository(new JdbcTemplate(this.dataSource));
        DigestBuilder builder = new DigestBuilder(repository, this.transactionManager, this.renderer, this.properties,
                this.size);
        return new DigestService(builder, new DigestSender(repository, this.mailSender, this.properties,
                new SimpleMeterRegistry()), repository, DigestPreStep.NONE);
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
