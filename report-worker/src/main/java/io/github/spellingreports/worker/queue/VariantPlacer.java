package io.github.spellingreports.worker.queue;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

/**
 * The slow path of storing: places the variants whose dedup key is new, joining each to the error
 * of its page whose selection it overlaps ({@link VariantPlacement}) or creating an error for it.
 * Runs in the caller's transaction, holding its pages' locks until it ends.
 */
@Component
class VariantPlacer {

    private final VariantWrites writes;

    VariantPlacer(VariantWrites writes) {
        this.writes = writes;
    }

    /**
     * @param unknown the first report of each dedup key not found among the stored variants
     * @param known the stored variants found, by dedup key
     * @return the variants of all those keys
     */
    Resolution place(List<IncomingReport> unknown, Map<String, QueueWrites.KnownVariant> known) {
        List<String> pages = unknown.stream().map(IncomingReport::pageUrl).distinct().toList();
        this.writes.lockPages(pages);
        // read after the locks: a concurrent poll may have placed some of these keys while this one waited
        VariantWrites.PageVariants stored = this.writes.variantsOfPages(pages);
        Map<String, QueueWrites.KnownVariant> all = new HashMap<>(known);
        all.putAll(stored.byKey());
        List<IncomingReport> placing = unknown.stream().filter((report) -> !all.containsKey(report.dedupKey())).toList();
        if (placing.isEmpty()) {
            return Resolution.of(all);
        }
        List<VariantPlacement.Target> targets = VariantPlacement.place(placing.stream()
                .map((report) -> new VariantPlacement.Variant(report.pageUrl(), TextWindow.of(report.contextBefore(),
                        report.selection(), report.contextAfter())))
                .toList(), stored.byPage());
        List<IncomingReport> founders = new ArrayList<>();
        targets.stream().filter(VariantPlacement.Target::isNew).map(VariantPlacement.Target::founder).distinct()
                .forEach((founder) -> founders.add(placing.get(founder)));
        Map<String, Long> newErrors = this.writes.insertErrors(founders);
        List<Long> errorIds = targets.stream().map((target) -> target.isNew()
                ? newErrors.get(placing.get(target.founder()).dedupKey()) : target.errorId()).toList();
        Map<String, Long> newVariants = this.writes.insertVariants(placing, errorIds);
        for (int i = 0; i < placing.size(); i++) {
            String dedupKey = placing.get(i).dedupKey();
            all.put(dedupKey, new QueueWrites.KnownVariant(newVariants.get(dedupKey), errorIds.get(i)));
        }
        return new Resolution(all, newErrors.values(), newVariants.values());
    }

    /** See {@link VariantWrites#showMostReportedVariants}. */
    void showMostReportedVariants(Collection<Long> errorIds) {
        this.writes.showMostReportedVariants(errorIds);
    }

    /** Removes the errors and variants of {@code resolution} that got no report. */
    void removeEmpty(Resolution resolution) {
        if (!resolution.newVariantIds().isEmpty()) {
            this.writes.removeEmpty(resolution.newErrorIds(), resolution.newVariantIds());
        }
    }

}
