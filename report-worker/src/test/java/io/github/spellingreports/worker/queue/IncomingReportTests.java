package io.github.spellingreports.worker.queue;

import java.time.Instant;

import io.github.spellingreports.events.SpellingErrorReported;
import org.junit.jupiter.api.Test;

import static io.github.spellingreports.worker.queue.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class IncomingReportTests {

    private final SpellingErrorReported valid = report("https://News.example.com/a/?utm_source=x#top",
            "Coffee\u00a0 in ", " cafe\u0301s ", " is cheap.", "  Plural?  ", Instant.parse("2026-11-20T10:00:00Z"));

    @Test
    void validReportIsPutIntoCanonicalForms() {
        IncomingReport report = IncomingReport.from(this.valid.dedupKey(), this.valid);
        assertThat(report.pageUrl()).isEqualTo("https://news.example.com/a");
        assertThat(report.selection()).isEqualTo("caf\u00e9s");
        assertThat(report.contextBefore()).isEqualTo("Coffee in ");
        assertThat(report.comment()).isEqualTo("Plural?");
        assertThat(report.dedupKey()).isEqualTo(this.valid.dedupKey());
    }

    @Test
    void recordWithoutKeyIsAccepted() {
        assertThat(IncomingReport.from(null, this.valid).reportId()).isEqualTo(this.valid.reportId());
    }

    @Test
    void unknownSchemaVersionIsRejected() {
        assertThatExceptionOfType(InvalidReportException.class)
                .isThrownBy(() -> IncomingReport.from(this.valid.dedupKey(), Reports.withSchemaVersion(this.valid, 99)))
                .withMessageContaining("schemaVersion 99");
    }

    @Test
    void missingOrBlankSelectionIsRejected() {
        assertThatExceptionOfType(InvalidReportException.class)
                .isThrownBy(() -> IncomingReport.from(this.valid.dedupKey(), Reports.withSelection(this.valid, null)));
        assertThatExceptionOfType(InvalidReportException.class)
                .isThrownBy(() -> IncomingReport.from(this.valid.dedupKey(), Reports.withSelection(this.valid, " \u00a0 ")));
    }

    @Test
    void malformedDedupKeyIsRejected() {
        SpellingErrorReported report = Reports.withDedupKey(this.valid, "not-a-hash");
        assertThatExceptionOfType(InvalidReportException.class).isThrownBy(() -> IncomingReport.from("not-a-hash", report))
                .withMessageContaining("dedupKey");
    }

    @Test
    void keyThatDiffersFromDedupKeyIsRejected() {
        assertThatExceptionOfType(InvalidReportException.class)
                .isThrownBy(() -> IncomingReport.from("a".repeat(64), this.valid))
                .withMessageContaining("key");
    }

    @Test
    void missingReportIdPageUrlOrTimestampIsRejected() {
        SpellingErrorReported v = this.valid;
        assertThatExceptionOfType(InvalidReportException.class).isThrownBy(() -> IncomingReport.from(null,
                new SpellingErrorReported(1, null, v.dedupKey(), v.pageUrl(), null, null, v.selection(), "", "", null, v.receivedAt(), null)));
        assertThatExceptionOfType(InvalidReportException.class).isThrownBy(() -> IncomingReport.from(null,
                new SpellingErrorReported(1, v.reportId(), v.dedupKey(), "ftp://example.com/x", null, null, v.selection(), "", "", null, v.receivedAt(), null)));
        assertThatExceptionOfType(InvalidReportException.class).isThrownBy(() -> IncomingReport.from(null,
                new SpellingErrorReported(1, v.reportId(), v.dedupKey(), v.pageUrl(), null, null, v.selection(), "", "", null, null, null)));
        assertThatExceptionOfType(InvalidReportException.class).isThrownBy(() -> IncomingReport.from(null, null));
    }

    @Test
    void longPageTitleIsShortenedNotRejected() {
        SpellingErrorReported v = this.valid;
        SpellingErrorReported longTitle = new SpellingErrorReported(1, v.reportId(), v.dedupKey(), v.pageUrl(),
                "T".repeat(499) + "\uD83D\uDE00" + "x".repeat(10), v.lang(), v.selection(), v.contextBefore(),
                v.contextAfter(), null, v.receivedAt(), null);
        // the emoji would be cut in half at 500 chars; it is dropped whole instead
        assertThat(IncomingReport.from(null, longTitle).pageTitle()).isEqualTo("T".repeat(499));
    }

}
