package io.github.spellingreports.worker.digest;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/** Digest settings for unit tests: a schedule, and the defaults for everything else. */
public final class TestDigestProperties {

    private TestDigestProperties() {
    }

    /**
     * @param enabled whether scheduled digests are on
     * @param cron when they are built
     * @param zone the zone the cron is read in
     * @return the settings, with one recipient and the defaults otherwise
     */
    public static DigestProperties scheduled(boolean enabled, String cron, ZoneId zone) {
        return new DigestProperties(enabled, cron, zone, List.of("desk@example.com"), "reports@example.com",
                "Spelling reports", false, URI.create("http://localhost:8081"), Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofMinutes(5), List.of());
    }

}
