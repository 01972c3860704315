package io.github.spellingreports.worker.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.github.spellingreports.worker.queue.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scenarios that run unchanged against the in-process broker and embedded PostgreSQL and against
 * Testcontainers' official images.
 */
final class PipelineScenarios {

    static final Duration PATIENCE = Duration.ofSeconds(30);

    private PipelineScenarios() {
    }

    /**
     * Three readers report one error from differently written URLs and selections (tracking
     * parameters, host case, trailing slash, white space, Unicode composition): it is queued once,
     * counted three times, with its distinct comments oldest first.
     * @return the page URL of the error
     */
    static String variantsOfOneErrorAreQueuedOnceWithTheirCount(ReportProducer producer, QueueApi api) {
        String page = Reports.uniquePage();
        Instant first = Instant.parse("2026-11-20T10:00:00Z");
        producer.send(report(page, "Coffee in ", "caf\u00e9s", " is cheap.", "Should be cafes?", first));
        producer.send(report(page.replace("news.example.com", "NEWS.example.com") + "/?utm_source=mail",
                "Coffee  in\u00a0", " caf\u00e9s ", " is   cheap.", "  ", first.plusSeconds(120)));
        producer.send(report(page + "#comments", "Coffee in ", "cafe\u0301s", " is cheap.", "Should be cafes?",
                first.plusSeconds(60)));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(api.find(page)).hasValueSatisfying(error -> {
            assertThat(error.reportCount()).isEqualTo(3);
            assertThat(error.selection()).isEqualTo("caf\u00e9s");
            assertThat(error.contextBefore()).isEqualTo("Coffee in ");
            assertThat(error.comments()).isEqualTo(List.of("Should be cafes?"));
            assertThat(error.status()).isEqualTo("NEW");
            assertThat(error.firstReportedAt()).isEqualTo(first);
            assertThat(error.lastReportedAt()).isEqualTo(first.plusSeconds(120));
        }));
        return page;
    }

}
