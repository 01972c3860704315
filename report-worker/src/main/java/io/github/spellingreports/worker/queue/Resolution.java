package io.github.spellingreports.worker.queue;

import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The variant and error of each dedup key of a poll, and what the poll created to get them.
 *
 * @param variants the variant of each key, by key (stored before or created by this poll)
 * @param newErrorIds errors this poll created
 * @param newVariantIds variants this poll created
 */
record Resolution(Map<String, QueueWrites.KnownVariant> variants, Collection<Long> newErrorIds,
        Collection<Long> newVariantIds) {

    static Resolution of(Map<String, QueueWrites.KnownVariant> variants) {
        return new Resolution(variants, Set.of(), Set.of());
    }

    long errorOf(String dedupKey) {
        return this.variants.get(dedupKey).errorId();
    }

    long variantOf(String dedupKey) {
        return this.variants.get(dedupKey).variantId();
    }

}
