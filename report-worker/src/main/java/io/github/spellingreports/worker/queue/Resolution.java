package io.github.spellingreports.worker.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where the dedup keys of a poll's new reports belong: the variants already stored (the fast path)
 * and the new variants with the errors they were placed in, stored or created by this poll.
 */
final class Resolution {

    private final Map<String, QueueWrites.KnownVariant> known;

    private final List<IncomingReport> placed;

    private final Map<String, Long> errorOfPlaced = new HashMap<>();

    /** The new errors' ids by their founding variant's dedup key. */
    private final Map<String, Long> newErrors;

    private final Map<Long, String> founderOf = new HashMap<>();

    private Map<String, Long> newVariants = Map.of();

    /**
     * @param known the stored variants, by dedup key
     * @param placed the first report of each new variant
     * @param targets where each of {@code placed} goes
     * @param newErrors the errors created for them, by their founding variant's dedup key
     */
    Resolution(Map<String, QueueWrites.KnownVariant> known, List<IncomingReport> placed,
            List<VariantPlacement.Target> targets, Map<String, Long> newErrors) {
        this.known = known;
        this.placed = placed;
        this.newErrors = newErrors;
        newErrors.forEach((dedupKey, errorId) -> this.founderOf.put(errorId, dedupKey));
        for (int i = 0; i < placed.size(); i++) {
            VariantPlacement.Target target = targets.get(i);
            long errorId = target.isNew() ? newErrors.get(placed.get(target.founder()).dedupKey()) : target.errorId();
            this.errorOfPlaced.put(placed.get(i).dedupKey(), errorId);
        }
    }

    static Resolution of(Map<String, QueueWrites.KnownVariant> known) {
        return new Resolution(known, List.of(), List.of(), Map.of());
    }

    /** Stores the new variants; call once their errors are locked. */
    void insertVariants(QueueWrites writes) {
        if (!this.placed.isEmpty()) {
            this.newVariants = writes.insertVariants(this.placed,
                    this.placed.stream().map((report) -> errorOf(report.dedupKey())).toList());
        }
    }

    long errorOf(String dedupKey) {
        QueueWrites.KnownVariant variant = this.known.get(dedupKey);
        return (variant != null) ? variant.errorId() : this.errorOfPlaced.get(dedupKey);
    }

    long variantOf(String dedupKey) {
        QueueWrites.KnownVariant variant = this.known.get(dedupKey);
        return (variant != null) ? variant.variantId() : this.newVariants.get(dedupKey);
    }

    /** @return the variant the error shows: as locked, or for a new error its founding variant */
    long shownVariantOf(long errorId, QueueWrites.LockedError locked) {
        if (locked.shownVariantId() != 0) {
            return locked.shownVariantId();
        }
        String founder = this.founderOf.get(errorId);
        return (founder != null) ? this.newVariants.get(founder) : 0;
    }

    /** @return the errors of all resolved keys */
    Set<Long> errorIds() {
        Set<Long> ids = new LinkedHashSet<>();
        this.known.values().forEach((variant) -> ids.add(variant.errorId()));
        ids.addAll(this.errorOfPlaced.values());
        return ids;
    }

    List<Long> newErrorIds() {
        return new ArrayList<>(this.newErrors.values());
    }

    List<Long> newVariantIds() {
        return new ArrayList<>(this.newVariants.values());
    }

}
