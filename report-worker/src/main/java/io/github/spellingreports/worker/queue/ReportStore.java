package io.github.spellingreports.worker.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores reports into the moderation queue: one row per report, one per variant (a distinct
 * selection in context) and one per error (the variants whose selections overlap at one place of a
 * page), so that a duplicate report counts once and a redelivered one not at all. A poll is stored
 * with a fixed number of set-based statements whatever its size; an error with many reports in a
 * poll is updated once.
 */
@Service
class ReportStore {

    private static final Logger log = LoggerFactory.getLogger(ReportStore.class);

    private final QueueWrites writes;

    private final VariantPlacer placer;

    private final Moderation moderation;

    private final ApplicationEventPublisher events;

    ReportStore(QueueWrites writes, VariantPlacer placer, Moderation moderation, ApplicationEventPublisher events) {
        this.writes = writes;
        this.placer = placer;
        this.moderation = moderation;
        this.events = events;
    }

    /**
     * Adds the report to its error, creating the error on its first report; all or nothing.
     * @param report a valid report
     * @return what happened
     */
    @Transactional
    Outcome store(IncomingReport report) {
        return storeAll(List.of(report)).get(0);
    }

    /**
     * Stores a poll's reports in one transaction: all or nothing, one commit for all of them. A
     * report already stored (a redelivery, or the same report twice in the poll) changes nothing.
     * @param reports valid reports, in the order of their records
     * @return what happened to each, in the same order
     */
    @Transactional
    List<Outcome> storeAll(List<IncomingReport> reports) {
        // the first of each report id; a later one in the same poll is a redelivery of it
        Map<UUID, IncomingReport> firsts = new LinkedHashMap<>();
        reports.forEach((report) -> firsts.putIfAbsent(report.reportId(), report));
        List<IncomingReport> candidates = new ArrayList<>(firsts.values());
        Resolution resolution = resolve(candidates);
        // a redelivered report is told apart here, by its id, without a look-up of its own
        Set<UUID> inserted = this.writes.insertReports(candidates,
                candidates.stream().map((report) -> resolution.errorOf(report.dedupKey())).toList());
        Map<Long, Integer> countsBefore = count(candidates, inserted, resolution);
        if (inserted.size() < candidates.size()) {
            // what this transaction created for reports stored before (by a redelivery's first
            // delivery or a concurrent consumer that lost its partition) goes again
            this.placer.removeEmpty(resolution);
        }
        List<Outcome> outcomes = outcomes(reports, firsts, resolution, inserted, countsBefore);
        log.info("Stored reports in one transaction: stored={} newErrors={} merged={} redelivered={}", inserted.size(),
                outcomes.stream().filter((o) -> "new_error".equals(o.kind())).count(),
                outcomes.stream().filter((o) -> "merged".equals(o.kind())).count(), reports.size() - inserted.size());
        return outcomes;
    }

    /** Finds each report's variant and error: by dedup key (the fast path), else by overlap (the slow path). */
    private Resolution resolve(List<IncomingReport> reports) {
        Map<String, IncomingReport> firstOfKey = new LinkedHashMap<>();
        reports.forEach((report) -> firstOfKey.putIfAbsent(report.dedupKey(), report));
        Map<String, QueueWrites.KnownVariant> known = this.writes.variants(firstOfKey.keySet());
        List<IncomingReport> unknown = firstOfKey.values().stream()
                .filter((report) -> !known.containsKey(report.dedupKey())).toList();
        return unknown.isEmpty() ? Resolution.of(known) : this.placer.place(unknown, known);
    }

    /**
     * Counts the inserted reports into their variants and errors, records reopens, updates the shown
     * variants and publishes the new counts.
     * @return each counted error's report count before the poll, by id
     */
    private Map<Long, Integer> count(List<IncomingReport> reports, Set<UUID> inserted, Resolution resolution) {
        // coalesced: a hot error with hundreds of reports in the poll is one row of each update
        Map<String, QueueWrites.Tally> variants = new LinkedHashMap<>();
        Map<Long, QueueWrites.Tally> errors = new LinkedHashMap<>();
        for (IncomingReport report : reports) {
            if (inserted.contains(report.reportId())) {
                long errorId = resolution.errorOf(report.dedupKey());
                variants.merge(report.dedupKey(), QueueWrites.Tally.of(resolution.variantOf(report.dedupKey()), report),
                        (tally, one) -> tally.plus(report));
                errors.merge(errorId, QueueWrites.Tally.of(errorId, report), (tally, one) -> tally.plus(report));
            }
        }
        if (errors.isEmpty()) {
            return Map.of();
        }
        Map<Long, QueueWrites.CountedError> counted = this.writes.count(variants.values(), errors.values());
        if (counted.size() < errors.size()) {
            // the report table has no foreign key (V8): this is the check it made
            throw new DataIntegrityViolationException("Reports not stored: their error was deleted meanwhile (errors "
                    + errors.keySet().stream().filter((errorId) -> !counted.containsKey(errorId)).toList() + ")");
        }
        recordReopens(counted);
        showMostReportedVariants(variants, resolution, counted);
        Map<Long, Integer> countsBefore = new HashMap<>();
        List<ReportStored> stored = new ArrayList<>(errors.size());
        errors.forEach((errorId, tally) -> {
            QueueWrites.CountedError error = counted.get(errorId);
            int after = error.reportCount();
            countsBefore.put(errorId, after - tally.count());
            // one per error and poll, with its count after the poll and its latest report, where the alert window ends
            stored.add(new ReportStored(errorId, after, tally.last(), error.alertable()));
        });
        // delivered to @TransactionalEventListener after commit (hot-typo alerts), once for the whole poll
        this.events.publishEvent(new PollStored(stored));
        return countsBefore;
    }

    private void recordReopens(Map<Long, QueueWrites.CountedError> counted) {
        counted.forEach((errorId, error) -> {
            if (error.statusBefore() == ErrorStatus.FIXED) {
                this.moderation.record(errorId, ErrorStatus.FIXED, ErrorStatus.NEW, Moderation.SYSTEM,
                        Moderation.Via.REPORT, "reported again after fix");
                log.info("Reopened fixed error errorId={}: reported again after fix", errorId);
            }
        });
    }

    /** Only reports of a variant an error does not show can make another variant its most reported. */
    private void showMostReportedVariants(Map<String, QueueWrites.Tally> variants, Resolution resolution,
            Map<Long, QueueWrites.CountedError> counted) {
        Set<Long> errorIds = new LinkedHashSet<>();
        variants.forEach((dedupKey, tally) -> {
            long errorId = resolution.errorOf(dedupKey);
            if (tally.id() != counted.get(errorId).shownVariantId()) {
                errorIds.add(errorId);
            }
        });
        if (!errorIds.isEmpty()) {
            this.placer.showMostReportedVariants(errorIds);
        }
    }

    private static List<Outcome> outcomes(List<IncomingReport> reports, Map<UUID, IncomingReport> firsts,
            Resolution resolution, Set<UUID> inserted, Map<Long, Integer> countsBefore) {
        Map<Long, Integer> counts = new HashMap<>(countsBefore);
        Set<UUID> seen = new HashSet<>();
        List<Outcome> outcomes = new ArrayList<>(reports.size());
        for (IncomingReport report : reports) {
            // a report id twice in the poll belongs where its first copy went
            long errorId = resolution.errorOf(firsts.get(report.reportId()).dedupKey());
            if (seen.add(report.reportId()) && inserted.contains(report.reportId())) {
                // the count right after this report, as if the poll's reports had been stored one by one
                outcomes.add(new Outcome(errorId, counts.merge(errorId, 1, Integer::sum), true));
            }
            else {
                log.debug("Ignored redelivered report reportId={} errorId={}", report.reportId(), errorId);
                outcomes.add(new Outcome(errorId, 0, false));
            }
        }
        return outcomes;
    }

    /**
     * @param errorId the error the report belongs to
     * @param reportCount the error's report count after this report ({@code 0} when not stored)
     * @param stored {@code false} for a redelivered report, which changed nothing
     */
    record Outcome(long errorId, int reportCount, boolean stored) {

        /** @return the {@code outcome} tag of {@code spelling.worker.records}: new_error, merged or redelivered */
        String kind() {
            return !this.stored ? "redelivered" : (this.reportCount > 1) ? "merged" : "new_error";
        }
    }

}
