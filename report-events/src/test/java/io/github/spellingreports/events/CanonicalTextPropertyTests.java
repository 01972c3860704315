package io.github.spellingreports.events;

import java.text.Normalizer;
import java.util.regex.Pattern;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Canonical#text} collapses white space without a regex (and without a copy when there is
 * nothing to collapse): it must give what the regex gives, for every text, including every kind of
 * white space and surrogate pairs.
 */
class CanonicalTextPropertyTests {

    /** The definition: the regex applied to every text, as before the scan. */
    private static final Pattern WHITE_SPACE = Pattern.compile("[\\s\\p{Zs}\\u2028\\u2029\\u200B\\uFEFF]+");

    @Property(tries = 2000)
    void sameAsTheRegexAlone(@ForAll("texts") String text) {
        String expected = WHITE_SPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ");

        assertThat(Canonical.text(text)).isEqualTo(expected);
    }

    @Property(tries = 2000)
    void collapsedExactlyWhenTheRegexChangesNothing(@ForAll("texts") String text) {
        assertThat(Canonical.isCollapsed(text)).isEqualTo(WHITE_SPACE.matcher(text).replaceAll(" ").equals(text));
    }

    @Provide
    Arbitrary<String> texts() {
        // letters, every white space of the regex and some that are not (U+0085, U+180E, U+200C),
        // combining marks, and a supplementary character (a surrogate pair)
        Arbitrary<String> pieces = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(4),
                Arbitraries.of(" ", "  ", "\t", "\n", "\u000B", "\f", "\r", "\u00A0", "\u1680", "\u2000", "\u200A",
                        "\u202F", "\u205F", "\u3000", "\u2028", "\u2029", "\u200B", "\uFEFF", "\u0085", "\u180E",
                        "\u200C", "\u0301", "e\u0301", "\uD83D\uDE00", "\u00E9"));
        return pieces.list().ofMaxSize(12).map((list) -> String.join("", list));
    }

}
