package io.github.spellingreports.intake.abuse;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which keys (origins, clients) a log line was written for, the first {@code most} of them: a flood
 * of made-up ones writes that many lines, no more, and memory stays bounded.
 */
final class FirstSeen {

    private final int most;

    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    FirstSeen(int most) {
        this.most = most;
    }

    /** @return whether {@code key} is new and among the first {@code most}: log it */
    boolean first(String key) {
        return this.seen.size() < this.most && this.seen.add(key);
    }

}
