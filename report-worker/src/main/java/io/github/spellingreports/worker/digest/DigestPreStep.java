package io.github.spellingreports.worker.digest;

import java.util.List;
import java.util.Map;

/**
 * Work done just before a digest is built, outside its transaction (e.g. settling errors already
 * corrected on their pages).
 */
public interface DigestPreStep {

    /** Does nothing. */
    DigestPreStep NONE = (errorIds) -> Map.of();

    /**
     * @param errorIds the errors the digest would list in full if it were built now (the others it only counts, so
     *        work on them would be wasted)
     * @return per desk, how many errors the step settled so that the digest leaves them out (shown as a count)
     */
    Map<String, Integer> run(List<Long> errorIds);

}
