package io.github.spellingreports.worker.digest;

import java.util.Map;

/**
 * Work done just before a digest is built, outside its transaction (e.g. settling errors already
 * corrected on their pages).
 */
public interface DigestPreStep {

    /** Does nothing. */
    DigestPreStep NONE = () -> Map.of();

    /**
     * @return per desk, how many errors the step settled so that the digest leaves them out (shown as a count)
     */
    Map<String, Integer> run();

}
