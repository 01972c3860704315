package io.github.spellingreports.worker.console;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.github.spellingreports.worker.config.WorkerProperties;
import io.github.spellingreports.worker.digest.DigestProperties;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ActionLinksTests {

    private static final String SECRET = "0123456789abcdef0123456789abcdef";

    @Test
    void signatureCoversErrorActionAndExpiry() {
        ActionLinks links = links(SECRET);
        Instant expires = Instant.parse("2026-12-01T00:00:00Z");
        ActionLink link = links.sign(7, ActionLink.Action.FIXED, expires);

        assertThat(links.isAuthentic(7, ActionLink.Action.FIXED, expires, link.signature())).isTrue();
        assertThat(links.isAuthentic(8, ActionLink.Action.FIXED, expires, link.signature())).isFalse();
        assertThat(links.isAuthentic(7, ActionLink.Action.DISMISS, expires, link.signature())).isFalse();
        assertThat(links.isAuthentic(7, ActionLink.Action.FIXED, expires.plusSeconds(1), link.signature())).isFalse();
        assertThat(links.isAuthentic(7, ActionLink.Action.FIXED, expires, null)).isFalse();
    }

    @Test
    void sameSecretSignsAlikeOnEveryWorkerAndAnotherSecretDoesNot() {
        Instant expires = Instant.parse("2026-12-01T00:00:00Z");
        String signature = links(SECRET).sign(7, ActionLink.Action.DISMISS, expires).signature();
        assertThat(links(SECRET).isAuthentic(7, ActionLink.Action.DISMISS, expires, signature)).isTrue();
        assertThat(links("another-secret-another-secret-xx").isAuthentic(7, ActionLink.Action.DISMISS, expires, signature))
                .isFalse();
    }

    @Test
    void withoutASecretEachStartSignsWithItsOwnRandomKey() {
        Instant expires = Instant.parse("2026-12-01T00:00:00Z");
        String signature = links(null).sign(7, ActionLink.Action.FIXED, expires).signature();
        assertThat(links(null).isAuthentic(7, ActionLink.Action.FIXED, expires, signature)).isFalse();
    }

    @Test
    void linkPointsAtTheConsoleAndExpiresAfterTheValidity() {
        Instant before = Instant.now();
        String url = links(SECRET).fixed(42);
        assertThat(url).startsWith("https://console.example/console/links/42/fixed?expires=").contains("&sig=");
        long expires = Long.parseLong(url.replaceAll(".*expires=(\\d+).*", "$1"));
        assertThat(expires).isBetween(before.plus(Duration.ofDays(14)).getEpochSecond() - 1,
                Instant.now().plus(Duration.ofDays(14)).getEpochSecond());
        assertThat(links(SECRET).errorPage(42)).isEqualTo("https://console.example/console/errors/42");
    }

    private static ActionLinks links(String secret) {
        WorkerProperties worker = new WorkerProperties(new WorkerProperties.Admin("admin", "pw"), secret, Duration.ofDays(14),
                Duration.ofSeconds(30), new WorkerProperties.Metrics("metrics", null));
        DigestProperties digest = new DigestProperties(false, "0 0 8 * * *", ZoneId.of("UTC"), List.of(),
                "from@example.com", "s", false, URI.create("https://console.example/"), Duration.ofSeconds(30),
                Duration.ofMinutes(30), Duration.ofSeconds(30), Duration.ofMinutes(5), List.of());
        return new ActionLinks(worker, digest);
    }

}
