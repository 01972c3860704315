package io.github.spellingreports.intake;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import io.github.spellingreports.testsupport.LoopbackPorts;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The intake pointed at a port where no broker listens: it must answer 503 with Retry-After within
 * its timeout, never hang, and not pile requests up. The bounds asserted here are generous guards
 * on the configured timeouts (3 s producer blocking, 4 s publish timeout), not performance figures.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spelling.intake.allowed-origins=https://news.example",
        // Topic creation at start-up is not under test here; it would only wait for the missing broker.
        "spring.kafka.admin.auto-create=false",
        // Concurrent reports from one address; the rate limits have their own tests.
        "spelling.intake.rate-limit.enabled=false" })
class BrokerUnavailableIntegrationTests {

    private static final Duration BOUND = Duration.ofSeconds(8);

    @LocalServerPort
    private int port;

    @DynamicPropertySource
    static void deadBroker(DynamicPropertyRegistry registry) {
        int closedPort = closedPort();
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort);
    }

    @Test
    void reportAnswers503WithRetryAfterWithinTheTimeout() {
        long start = System.nanoTime();
        IntakeClient.Answer answer = new IntakeClient(port).postReport(IntakeClient.report(null, "Kazakstan"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
        assertThat(answer.headers().getContentType()).hasToString("application/problem+json");
        assertThat(answer.body()).doesNotContain("Exception").doesNotContain("127.0.0.1");
        assertThat(took).isLessThan(BOUND);
        // the broker may still take it after this answer: sent again with this id, it counts once
        assertThat(answer.body()).containsPattern("\"reportId\":\"[0-9a-f-]{36}\"");
    }

    @Test
    void aReportsOwnIdComesBackWithThe503() {
        String id = "0b8c7a52-3a5f-4f4e-9a61-2f0d6c1e9b11";
        IntakeClient.Answer answer = new IntakeClient(port).postReport(IntakeClient.report(id, "Kazakstan"));

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).contains("\"reportId\":\"" + id + "\"").contains("with the same reportId");
    }

    @Test
    void concurrentReportsAllAnswer503WithoutPilingUp() {
        IntakeClient client = new IntakeClient(port);
        long start = System.nanoTime();
        List<IntakeClient.Answer> answers;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<IntakeClient.Answer>> pending = IntStream.range(0, 8)
                    .mapToObj(i -> CompletableFuture.supplyAsync(
                            () -> client.postReport(IntakeClient.report(null, "Kazakstan " + i)), pool))
                    .toList();
            answers = pending.stream().map(CompletableFuture::join).toList();
        }
        finally {
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(answers).extracting(IntakeClient.Answer::status).containsOnly(503);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.headers().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5"));
        assertThat(took).isLessThan(BOUND);
    }

    private static int closedPort() {
        return LoopbackPorts.free();
    }

}
