package io.github.spellingreports.intake;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The first reports an intake takes after its start, many at once (a site's readers while the
 * intake restarts): all accepted. The producer is made and the topic's metadata fetched before the
 * intake is ready, not by the first report, whose send() would hold every other report behind it
 * for as long, beyond spelling.intake.publish-concurrency, so that they were answered 503.
 * A context of its own: the shared one has taken reports before.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spelling.intake.allowed-origins=https://news.example",
        "spelling.intake.rate-limit.enabled=false" })
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class FirstReportsIntegrationTests {

    private static final int READERS = 64;

    @LocalServerPort
    private int port;

    @Test
    void manyFirstReportsAtOnceAreAllAccepted() throws Exception {
        ExecutorService readers = Executors.newFixedThreadPool(READERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<IntakeClient.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                IntakeClient client = new IntakeClient(port);
                answers.add(readers.submit(() -> {
                    go.await();
                    return client.postReport(IntakeClient.report(null, "Kazakstan"));
                }));
            }
            go.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<IntakeClient.Answer> answer : answers) {
                statuses.add(answer.get(30, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsOnly(202);
        }
        finally {
            readers.shutdownNow();
        }
    }

}
