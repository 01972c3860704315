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

    /**
     * Readers select one mistake differently ("Kazakstan", "in Kazakstan,", "Kazakstan, it"): their
     * records have different keys, so they travel on different partitions, and still make one error
     * that shows the most reported selection. A different word right next to it, and the same word
     * at another place of the page, stay errors of their own.
     */
    static void overlappingSelectionsJoinOneErrorAndOthersStayApart(ReportProducer producer, QueueApi api) {
        String page = Reports.uniquePage();
        Instant at = Instant.parse("2026-11-20T10:00:00Z");
        String text = OverlapTests.PAGE;
        producer.send(selected(page, text, "Kazakstan", 0, at));
        producer.send(selected(page, text, "in Kazakstan,", 0, at.plusSeconds(1)));
        producer.send(selected(page, text, "Kazakstan, it", 0, at.plusSeconds(2)));
        producer.send(selected(page, text, "Kazakstan", 0, at.plusSeconds(3)));
        // adjacent, not overlapping: "government" right before "in Kazakstan"
        producer.send(selected(page, text, "government", 0, at.plusSeconds(4)));
        // the same word at its second place on the page ("Kazakstan's neighbours")
        producer.send(selected(page, text, "Kazakstan", text.indexOf("Kazakstan") + 1, at.plusSeconds(5)));
        await().atMost(PATIENCE).untilAsserted(() -> {
            List<QueueApi.ErrorView> errors = api.page("?status=NEW&size=100").content().stream()
                    .filter((error) -> error.pageUrl().equals(page)).toList();
            assertThat(errors).extracting(QueueApi.ErrorView::selection, QueueApi.ErrorView::reportCount)
                    .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("Kazakstan", 4),
                            org.assertj.core.groups.Tuple.tuple("government", 1),
                            org.assertj.core.groups.Tuple.tuple("Kazakstan", 1));
        });
    }

    /** A report of the first {@code selection} at or after {@code from} in {@code text}, with 60 characters of context. */
    private static io.github.spellingreports.events.SpellingErrorReported selected(String page, String text, String selection,
            int from, Instant at) {
        int start = text.indexOf(selection, from);
        int end = start + selection.length();
        return report(page, text.substring(Math.max(0, start - 60), start), selection,
                text.substring(end, Math.min(text.length(), end + 60)), null, at);
    }

}
