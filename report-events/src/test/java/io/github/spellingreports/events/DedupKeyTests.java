package io.github.spellingreports.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DedupKeyTests {

    private static final String KEY = DedupKey.of("https://example.com/news/1", "The capital of ", "Kazakstan", " is Astana.");

    @Test
    void keyIsStableUnderWhiteSpaceDifferences() {
        assertThat(DedupKey.of("https://example.com/news/1", "The  capital\nof", "  Kazakstan ", "is\u00A0Astana."))
                .isEqualTo(KEY);
    }

    @Test
    void keyIsStableUnderUnicodeNormalisation() {
        String composed = DedupKey.of("https://example.com/a", "un ", "caf\u00E9", " noir");
        String decomposed = DedupKey.of("https://example.com/a", "un ", "cafe\u0301", " noir");
        assertThat(decomposed).isEqualTo(composed);
    }

    @Test
    void keyIsStableUnderTrackingParametersAndFragments() {
        assertThat(DedupKey.of("HTTPS://Example.com/news/1/?utm_source=twitter#top", "The capital of ", "Kazakstan", " is Astana."))
                .isEqualTo(KEY);
    }

    @Test
    void aPageSentByAClientInUnicodeIsThePageBrowsersSendInAscii() {
        assertThat(DedupKey.of("https://пример.рф/новости/1", "Всем ", "превет", " из редакции"))
                .isEqualTo(DedupKey.of("https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1",
                        "Всем ", "превет", " из редакции"));
    }

    @Test
    void keyUsesOnlyALittleContext() {
        String shortContext = DedupKey.of("https://example.com/a", "Everyone knows that the capital of ", "Kazakstan", " is Astana, not Almaty, since 1997.");
        String longContext = DedupKey.of("https://example.com/a", "A long paragraph before. Everyone knows that the capital of ", "Kazakstan", " is Astana, not Almaty, since 1997. And much more text after that.");
        assertThat(longContext).isEqualTo(shortContext);
    }

    @Test
    void differentSelectionsContextsOrPagesAreDifferentErrors() {
        assertThat(DedupKey.of("https://example.com/news/1", "The capital of ", "Kazakhstan", " is Astana.")).isNotEqualTo(KEY);
        assertThat(DedupKey.of("https://example.com/news/1", "The largest city of ", "Kazakstan", " is Almaty.")).isNotEqualTo(KEY);
        assertThat(DedupKey.of("https://example.com/news/2", "The capital of ", "Kazakstan", " is Astana.")).isNotEqualTo(KEY);
        assertThat(DedupKey.of("https://example.com/news/1", "The capital of ", "kazakstan", " is Astana.")).isNotEqualTo(KEY);
    }

    @Test
    void keyIsSixtyFourHexCharacters() {
        assertThat(KEY).matches("[0-9a-f]{64}");
    }

    @Test
    void wellFormedIsExactlyWhatOfProduces() {
        assertThat(DedupKey.isWellFormed(KEY)).isTrue();
        assertThat(DedupKey.isWellFormed("0123456789abcdef".repeat(4))).isTrue();
        assertThat(DedupKey.isWellFormed(null)).isFalse();
        assertThat(DedupKey.isWellFormed("")).isFalse();
        assertThat(DedupKey.isWellFormed(KEY.substring(1))).isFalse();
        assertThat(DedupKey.isWellFormed(KEY + "0")).isFalse();
        assertThat(DedupKey.isWellFormed(KEY.toUpperCase())).isFalse();
        // each character just outside the ranges, at the last position
        for (char c : new char[] { '/', ':', '`', 'g', 'A', 'F', ' ', '\u0660' }) {
            assertThat(DedupKey.isWellFormed(KEY.substring(0, 63) + c)).as("ending in %s", c).isFalse();
        }
    }

}
