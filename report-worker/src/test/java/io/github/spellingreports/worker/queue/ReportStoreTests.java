package io.github.spellingreports.worker.queue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.github.spellingreports.events.SpellingErrorReported;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import org.springframework.context.ApplicationEventPublisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * How the store coalesces a poll, with its statements mocked: one count per error and one event
 * per error, whatever the number of reports. The SQL itself runs in the integration tests.
 */
class ReportStoreTests {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    final QueueWrites writes = mock(QueueWrites.class);

    final VariantPlacer placer = mock(VariantPlacer.class);

    final ApplicationEventPublisher events = mock(ApplicationEventPublisher.class);

    final ReportStore store = new ReportStore(this.writes, this.placer, mock(Moderation.class), this.events);

    @Test
    void hotErrorInAPollIsCountedOnceAndPublishedOnceWithItsFinalCountAndLatestReport() {
        String page = Reports.uniquePage();
        List<IncomingReport> poll = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            poll.add(incoming(page, "teh", T0.plusSeconds(i % 7)));
        }
        poll.add(incoming(page, "cta", T0));
        when(this.writes.variants(anyCollection())).thenReturn(Map.of(poll.get(0).dedupKey(),
                new QueueWrites.KnownVariant(11, 1), poll.get(500).dedupKey(), new QueueWrites.KnownVariant(22, 2)));
        when(this.writes.insertReports(anyList(), anyList()))
                .thenReturn(poll.stream().map(IncomingReport::reportId).collect(Collectors.toSet()));
        when(this.writes.count(anyCollection(), anyCollection())).thenReturn(Map.of(
                1L, new QueueWrites.CountedError(520, ErrorStatus.NEW, 11, false),
                2L, new QueueWrites.CountedError(1, ErrorStatus.NEW, 22, true)));

        List<ReportStore.Outcome> outcomes = this.store.storeAll(poll);

        ArgumentCaptor<Collection<QueueWrites.Tally>> variants = tallies();
        ArgumentCaptor<Collection<QueueWrites.Tally>> errors = tallies();
        verify(this.writes, times(1)).count(variants.capture(), errors.capture());
        assertThat(errors.getValue()).extracting(QueueWrites.Tally::id, QueueWrites.Tally::count, QueueWrites.Tally::last)
                .containsExactly(tuple(1L, 500, T0.plusSeconds(6)), tuple(2L, 1, T0));
        assertThat(variants.getValue()).extracting(QueueWrites.Tally::id, QueueWrites.Tally::count)
                .containsExactly(tuple(11L, 500), tuple(22L, 1));
        // one event for the poll, one entry per error
        verify(this.events, times(1)).publishEvent(new PollStored(List.of(new ReportStored(1, 520, T0.plusSeconds(6), false),
                new ReportStored(2, 1, T0, true))));
        // as if stored one by one: the 500 reports took the count from 20 to 520
        assertThat(outcomes.get(0).reportCount()).isEqualTo(21);
        assertThat(outcomes.get(499).reportCount()).isEqualTo(520);
        assertThat(outcomes.get(500).kind()).isEqualTo("new_error");
        verify(this.placer, never()).place(anyList(), any());
    }

    @Test
    void pollOfRedeliveriesCountsNothingAndPublishesNothing() {
        IncomingReport report = incoming(Reports.uniquePage(), "teh", T0);
        when(this.writes.variants(anyCollection()))
                .thenReturn(Map.of(report.dedupKey(), new QueueWrites.KnownVariant(11, 1)));
        when(this.writes.insertReports(anyList(), anyList())).thenReturn(Set.of());

        List<ReportStore.Outcome> outcomes = this.store.storeAll(List.of(report, report));

        assertThat(outcomes).extracting(ReportStore.Outcome::kind).containsExactly("redelivered", "redelivered");
        assertThat(outcomes).extracting(ReportStore.Outcome::errorId).containsOnly(1L);
        verify(this.writes, never()).count(anyCollection(), anyCollection());
        verify(this.events, never()).publishEvent(any(Object.class));
    }

    @SuppressWarnings("unchecked")
    private static ArgumentCaptor<Collection<QueueWrites.Tally>> tallies() {
        return ArgumentCaptor.forClass(Collection.class);
    }

    private static IncomingReport incoming(String page, String selection, Instant receivedAt) {
        SpellingErrorReported report = Reports.report(page, "The quick brown fox ", selection, " over the lazy dog.",
                null, receivedAt);
        return IncomingReport.from(report.dedupKey(), new SpellingErrorReported(report.schemaVersion(), UUID.randomUUID(),
                report.dedupKey(), report.pageUrl(), report.pageTitle(), report.lang(), report.selection(),
                report.contextBefore(), report.contextAfter(), null, receivedAt, report.clientHash()));
    }

}
