package io.github.spellingreports.worker.queue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which error each new variant of a poll joins: the error of the page whose variant its
 * selection overlaps best ({@link Overlap}), or a new error. Variants placed earlier in the same
 * poll count as candidates too, so two new overlapping variants in one poll make one new error.
 */
final class VariantPlacement {

    private VariantPlacement() {
    }

    /**
     * @param variants new variants, in the order their first reports came
     * @param existing variants already stored, by page; earlier (older) ones win a tie
     * @return for each variant, where it goes
     */
    static List<Target> place(List<Variant> variants, Map<String, List<Placed>> existing) {
        Map<String, List<Placed>> placedInPoll = new HashMap<>();
        List<Target> targets = new ArrayList<>(variants.size());
        for (int i = 0; i < variants.size(); i++) {
            Variant variant = variants.get(i);
            List<Placed> inPoll = placedInPoll.computeIfAbsent(variant.pageUrl(), (page) -> new ArrayList<>());
            Target target = bestOverlap(variant.window(), existing.getOrDefault(variant.pageUrl(), List.of()), inPoll);
            if (target == null) {
                target = Target.newError(i);
            }
            targets.add(target);
            inPoll.add(new Placed(target, variant.window()));
        }
        return targets;
    }

    /** @return the target of the candidate with the longest overlap, the first on a tie, or {@code null} */
    private static Target bestOverlap(TextWindow window, List<Placed> stored, List<Placed> inPoll) {
        Target best = null;
        int bestLength = 0;
        for (List<Placed> candidates : List.of(stored, inPoll)) {
            for (Placed candidate : candidates) {
                int length = Overlap.of(window, candidate.window());
                if (length > bestLength) {
                    best = candidate.target();
                    bestLength = length;
                }
            }
        }
        return best;
    }

    /**
     * A variant not stored yet.
     * @param pageUrl canonical page URL
     * @param window its selection in context
     */
    record Variant(String pageUrl, TextWindow window) {
    }

    /**
     * A variant with its error.
     * @param target its error
     * @param window its selection in context
     */
    record Placed(Target target, TextWindow window) {
    }

    /**
     * An error: a stored one, or the new one that the variant at {@code founder} (an index of the
     * poll's new variants) creates.
     * @param errorId a stored error's id, or {@code 0}
     * @param founder the founding variant's index, or {@code -1}
     */
    record Target(long errorId, int founder) {

        static Target existing(long errorId) {
            return new Target(errorId, -1);
        }

        static Target newError(int founder) {
            return new Target(0, founder);
        }

        boolean isNew() {
            return this.founder >= 0;
        }

    }

}
