package io.github.spellingreports.worker.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Stores reports into the moderation queue: one row per report, one per variant (a distinct
 * selection in context) and one per error (the variants that overlap at one place of a page), so
 * that a duplicate report counts once and a redelivered one not at all. A poll is stored with a
 * fixed number of set-based statements, whatever its size; an error with many reports in a poll
 * is updated once.
 */
@Service
class ReportStore {

    private static final Logger log = LoggerFactory.getLogger(ReportStore.class);

    private final QueueWrites writes;

    private final Moderation moderation;

    private final ApplicationEventPublisher events;

    ReportStore(QueueWrites writes, Moderation moderation, ApplicationEventPublisher events) {
        this.writes = writes;
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
        Map<UUID, Long> storedBefore = this.writes.storedReports(firsts.keySet());
        List<IncomingReport> fresh = firsts.values().stream()
                .filter((report) -> !storedBefore.containsKey(report.reportId())).toList();
        Resolution resolution = resolve(fresh);
        Map<Long, QueueWrites.LockedError> locked = fresh.isEmpty() ? Map.of() : this.writes.lockErrors(resolution.errorIds());
        if (locked.size() < resolution.errorIds().size()) {
            // deleted (retention) since it was looked up: retried as a whole, and then found missing
            throw new ConcurrencyFailureException("An error of the poll was deleted while storing it; retrying");
        }
        resolution.insertVariants(this.writes);
        List<Long> errorOfFresh = fresh.stream().map((report) -> resolution.errorOf(report.dedupKey())).toList();
        Set<UUID> inserted = fresh.isEmpty() ? Set.of() : this.writes.insertReports(fresh, errorOfFresh);
        Map<Long, Integer> countsBefore = count(fresh, inserted, resolution, locked);
        if (inserted.size() < fresh.size()) {
            // stored by a concurrent transaction since the check (a consumer that lost its partition
            // and has not noticed yet): what this one created for them alone goes again
            this.writes.removeEmpty(resolution.newErrorIds(), resolution.newVariantIds());
        }
        List<Outcome> outcomes = outcomes(reports, storedBefore, resolution, inserted, countsBefore);
        log.info("Stored {} reports in one transaction: new errors={} merged={} redelivered={}", inserted.size(),
                outcomes.stream().filter((o) -> "new_error".equals(o.kind())).count(),
                outcomes.stream().filter((o) -> "merged".equals(o.kind())).count(), reports.size() - inserted.size());
        return outcomes;
    }

    /** Finds each report's variant and error, placing the new variants (the slow path). */
    private Resolution resolve(List<IncomingReport> fresh) {
        Map<String, IncomingReport> firstOfKey = new LinkedHashMap<>();
        fresh.forEach((report) -> firstOfKey.putIfAbsent(report.dedupKey(), report));
        Map<String, QueueWrites.KnownVariant> known = fresh.isEmpty() ? Map.of() : this.writes.variants(firstOfKey.keySet());
        List<IncomingReport> unknown = firstOfKey.values().stream().filter((r) -> !known.containsKey(r.dedupKey())).toList();
        if (unknown.isEmpty()) {
            return Resolution.of(known);
        }
        this.writes.lockPages(unknown.stream().map(IncomingReport::pageUrl).toList());
        // a concurrent poll may have placed some of them while this one waited for the pages
        Map<String, QueueWrites.KnownVariant> all = new HashMap<>(known);
        all.putAll(this.writes.variants(unknown.stream().map(IncomingReport::dedupKey).toList()));
        List<IncomingReport> placing = unknown.stream().filter((r) -> !all.containsKey(r.dedupKey())).toList();
        if (placing.isEmpty()) {
            return Resolution.of(all);
        }
        Map<String, List<VariantPlacement.Placed>> stored = this.writes
                .variantsOfPages(placing.stream().map(IncomingReport::pageUrl).distinct().toList());
        List<VariantPlacement.Target> targets = VariantPlacement.place(placing.stream()
                .map((r) -> new VariantPlacement.Variant(r.pageUrl(), TextWindow.of(r.contextBefore(), r.selection(),
                        r.contextAfter())))
                .toList(), stored);
        List<IncomingReport> founders = new ArrayList<>();
        for (VariantPlacement.Target target : targets) {
            if (target.isNew() && founders.size() <= target.founder()) {
                founders.add(placing.get(target.founder()));
            }
        }
        Map<String, Long> newErrors = this.writes.insertErrors(founders);
        return new Resolution(all, placing, targets, newErrors);
    }

    /** Counts the inserted reports into their variants and errors, reopens fixed errors, publishes the counts. */
    private Map<Long, Integer> count(List<IncomingReport> fresh, Set<UUID> inserted, Resolution resolution,
            Map<Long, QueueWrites.LockedError> locked) {
        // coalesced: a hot error with hundreds of reports in the poll is one row of each update
        Map<String, QueueWrites.Tally> variants = new LinkedHashMap<>();
        Map<Long, QueueWrites.Tally> errors = new LinkedHashMap<>();
        for (IncomingReport report : fresh) {
            if (inserted.contains(report.reportId())) {
                variants.merge(report.dedupKey(), QueueWrites.Tally.of(resolution.variantOf(report.dedupKey()), report),
                        (tally, one) -> tally.plus(report));
                errors.merge(resolution.errorOf(report.dedupKey()), QueueWrites.Tally.of(resolution.errorOf(report.dedupKey()), report),
                        (tally, one) -> tally.plus(report));
            }
        }
        if (errors.isEmpty()) {
            return Map.of();
        }
        this.writes.countVariants(variants.values());
        Map<Long, Integer> countsAfter = this.writes.countErrors(errors.values());
        recordReopens(errors.keySet(), locked);
        showMostReportedVariants(variants, resolution, locked);
        Map<Long, Integer> countsBefore = new HashMap<>();
        errors.forEach((errorId, tally) -> {
            int after = countsAfter.get(errorId);
            countsBefore.put(errorId, after - tally.count());
            // delivered to @TransactionalEventListener after commit (hot-typo alerts): one per error and
            // poll, with its count after the poll and its latest report, where the alert window ends
            this.events.publishEvent(new ReportStored(errorId, after, tally.last()));
        });
        return countsBefore;
    }

    private void recordReopens(Set<Long> errorIds, Map<Long, QueueWrites.LockedError> locked) {
        for (long errorId : errorIds) {
            if (locked.get(errorId).status() == ErrorStatus.FIXED) {
                this.moderation.record(errorId, ErrorStatus.FIXED, ErrorStatus.NEW, Moderation.SYSTEM,
                        Moderation.Via.REPORT, "reported again after fix");
                log.info("Reopened fixed error errorId={}: reported again after fix", errorId);
            }
        }
    }

    /** Only a report of a variant an error does not show can make another variant its most reported. */
    private void showMostReportedVariants(Map<String, QueueWrites.Tally> variants, Resolution resolution,
            Map<Long, QueueWrites.LockedError> locked) {
        Set<Long> errorIds = new LinkedHashSet<>();
        variants.forEach((dedupKey, tally) -> {
            long errorId = resolution.errorOf(dedupKey);
            if (tally.id() != resolution.shownVariantOf(errorId, locked.get(errorId))) {
                errorIds.add(errorId);
            }
        });
        if (!errorIds.isEmpty()) {
            this.writes.showMostReportedVariants(errorIds);
        }
    }

    private static List<Outcome> outcomes(List<IncomingReport> reports, Map<UUID, Long> storedBefore,
            Resolution resolution, Set<UUID> inserted, Map<Long, Integer> countsBefore) {
        Map<Long, Integer> counted = new HashMap<>(countsBefore);
        Set<UUID> seen = new java.util.HashSet<>();
        Map<UUID, Long> errorOfReport = new HashMap<>(storedBefore);
        List<Outcome> outcomes = new ArrayList<>(reports.size());
        for (IncomingReport report : reports) {
            errorOfReport.computeIfAbsent(report.reportId(), (id) -> resolution.errorOf(report.dedupKey()));
            long errorId = errorOfReport.get(report.reportId());
            if (seen.add(report.reportId()) && inserted.contains(report.reportId())) {
                // the count right after this report, as if they had been stored one by one
                outcomes.add(new Outcome(errorId, counted.merge(errorId, 1, Integer::sum), true));
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
