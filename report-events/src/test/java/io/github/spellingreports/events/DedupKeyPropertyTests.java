package io.github.spellingreports.events;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties of the dedup key: equal for what readers see as the same error whatever their
 * browser did to white space, Unicode composition and the URL; different for different errors.
 * Generators stay small (short words, few tries) so that the build stays fast.
 */
class DedupKeyPropertyTests {

    /** Characters {@link Canonical#text} treats as white space. */
    private static final List<String> SPACES = List.of(" ", "\t", "\n", "\r\n", "\u00A0", "\u2007", "\u202F", "\u200B", "\u2009", "\u3000", "\u2028",
            "\uFEFF");

    private static final List<String> TRACKING = List.of("utm_source=newsletter", "utm_medium=social", "fbclid=abc123",
            "gclid=x9", "UTM_Campaign=Spring", "ysclid=lx2k9a8b7c", "yclid=5", "msclkid=m1", "mc_cid=c7", "igshid=i0");

    /** The check the worker runs on every record agrees with the regular expression it replaced. */
    @Property(tries = 500)
    void wellFormedMatchesTheRegularExpression(@ForAll("nearKeys") String text) {
        assertThat(DedupKey.isWellFormed(text)).isEqualTo(text.matches("[0-9a-f]{64}"));
    }

    @Provide
    Arbitrary<String> nearKeys() {
        // a well-formed key with one character replaced (often by another hex digit) and its length
        // sometimes changed by one, so that both answers come up often
        Arbitrary<String> keys = Arbitraries.strings().withChars("0123456789abcdef").ofLength(64);
        Arbitrary<Character> replacements = Arbitraries.frequencyOf(Tuple.of(1, Arbitraries.chars().with("0123456789abcdef".toCharArray())),
                Tuple.of(1, Arbitraries.chars().with('g', 'z', 'A', 'F', '/', ':', '`', '\u0660', ' ', '\u00e9')));
        return Combinators.combine(keys, Arbitraries.integers().between(0, 63), replacements,
                Arbitraries.integers().between(-1, 1)).as((key, at, replacement, lengthChange) -> {
                    String text = key.substring(0, at) + replacement + key.substring(at + 1);
                    return lengthChange < 0 ? text.substring(1) : lengthChange > 0 ? text + "a" : text;
                });
    }

    @Property(tries = 300)
    void keyIsStableUnderWhiteSpaceRuns(@ForAll("words") List<String> before, @ForAll("words") List<String> selection,
            @ForAll("words") List<String> after, @ForAll("spaceRuns") List<String> runs) {
        String page = "https://example.com/news/1";
        String plain = DedupKey.of(page, String.join(" ", before) + " ", String.join(" ", selection),
                " " + String.join(" ", after));
        String spaced = DedupKey.of(page, runs.get(0) + join(before, runs) + runs.get(1), runs.get(2) + join(selection, runs),
                runs.get(3) + join(after, runs) + runs.get(4));
        assertThat(spaced).isEqualTo(plain);
    }

    @Property(tries = 300)
    void keyIsStableUnderUnicodeNormalisation(@ForAll("words") List<String> before, @ForAll("words") List<String> selection,
            @ForAll("words") List<String> after) {
        String page = "https://example.com/news/1";
        String b = String.join(" ", before);
        String s = String.join(" ", selection);
        String a = String.join(" ", after);
        assertThat(DedupKey.of(page, nfd(b), nfd(s), nfd(a))).isEqualTo(DedupKey.of(page, nfc(b), nfc(s), nfc(a)));
    }

    @Property(tries = 300)
    void keyIsStableUnderHostCaseTrackingParametersFragmentAndTrailingSlash(@ForAll("paths") String path,
            @ForAll("hostCases") String host, @ForAll("trackingParameters") List<String> tracking,
            @ForAll("fragments") String fragment, @ForAll boolean trailingSlash, @ForAll boolean defaultPort) {
        String plain = DedupKey.of("https://news.example.com" + path + "?id=7", "the ", "teh", " end");
        StringBuilder query = new StringBuilder("id=7");
        tracking.forEach((parameter) -> query.insert(0, parameter + "&"));
        String shared = "HTTPS://" + host + (defaultPort ? ":443" : "") + path + (trailingSlash ? "/" : "") + "?" + query
                + fragment;
        assertThat(DedupKey.of(shared, "the ", "teh", " end")).as(shared).isEqualTo(plain);
    }

    @Property(tries = 300)
    void differentSelectionsAreDifferentErrors(@ForAll("words") List<String> first, @ForAll("words") List<String> second) {
        String one = String.join(" ", first);
        String other = String.join(" ", second);
        Assume.that(!nfc(one).equals(nfc(other)));
        assertThat(DedupKey.of("https://example.com/a", "in ", one, " here"))
                .isNotEqualTo(DedupKey.of("https://example.com/a", "in ", other, " here"));
    }

    @Property(tries = 300)
    void differentPagesAreDifferentErrors(@ForAll("paths") String first, @ForAll("paths") String second) {
        Assume.that(!first.equals(second));
        assertThat(DedupKey.of("https://example.com" + first, "in ", "teh", " here"))
                .isNotEqualTo(DedupKey.of("https://example.com" + second, "in ", "teh", " here"));
    }

    /** Contexts of at most 17 characters: all of it is "nearby" (the key looks at 20 on each side). */
    @Property(tries = 300)
    void differentNearbyContextsAreDifferentErrors(@ForAll("words") List<String> first, @ForAll("words") List<String> second,
            @ForAll boolean before) {
        String one = String.join(" ", first);
        String other = String.join(" ", second);
        Assume.that(!nfc(one).equals(nfc(other)));
        String page = "https://example.com/a";
        if (before) {
            assertThat(DedupKey.of(page, one + " ", "teh", " x")).isNotEqualTo(DedupKey.of(page, other + " ", "teh", " x"));
        }
        else {
            assertThat(DedupKey.of(page, "x ", "teh", " " + one)).isNotEqualTo(DedupKey.of(page, "x ", "teh", " " + other));
        }
    }

    /** One to three words of one to five letters; some letters carry combining marks. */
    @Provide
    Arbitrary<List<String>> words() {
        Arbitrary<String> plain = Arbitraries.of("a", "c", "e", "n", "o", "s", "u", "z", "\u0430", "\u0435", "\u0438", "\u049B");
        Arbitrary<String> marked = Combinators.combine(Arbitraries.of("a", "c", "e", "n", "o", "u", "\u0435", "\u0438"),
                Arbitraries.of("\u0301", "\u0300", "\u0308", "\u0327", "\u0306", "\u0301\u0308")).as(String::concat);
        Arbitrary<String> letter = Arbitraries.frequencyOf(
                Tuple.of(3, plain), Tuple.of(1, marked));
        Arbitrary<String> word = letter.list().ofMinSize(1).ofMaxSize(5).map((letters) -> String.join("", letters));
        return word.list().ofMinSize(1).ofMaxSize(3);
    }

    /** Enough runs of one to three white-space characters for every gap of three word lists. */
    @Provide
    Arbitrary<List<String>> spaceRuns() {
        Arbitrary<String> run = Arbitraries.of(SPACES).list().ofMinSize(1).ofMaxSize(3).map((parts) -> String.join("", parts));
        return run.list().ofSize(12);
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(6).list()
                .ofMinSize(1).ofMaxSize(3).map((segments) -> "/" + String.join("/", segments));
    }

    @Provide
    Arbitrary<String> hostCases() {
        return Arbitraries.of(true, false).list().ofSize("news.example.com".length()).map((upper) -> {
            StringBuilder host = new StringBuilder();
            for (int i = 0; i < upper.size(); i++) {
                String c = String.valueOf("news.example.com".charAt(i));
                host.append(upper.get(i) ? c.toUpperCase(Locale.ROOT) : c);
            }
            return host.toString();
        });
    }

    @Provide
    Arbitrary<List<String>> trackingParameters() {
        return Arbitraries.of(TRACKING).list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<String> fragments() {
        return Arbitraries.of("", "#", "#top", "#:~:text=teh", "#comments");
    }

    private static String join(List<String> words, List<String> runs) {
        // runs 0-4 go around the texts; the gaps between words take others, chosen by position and word
        StringBuilder text = new StringBuilder(words.get(0));
        for (int i = 1; i < words.size(); i++) {
            text.append(runs.get(4 + i + words.get(i).length() % 4)).append(words.get(i));
        }
        return text.toString();
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }

    private static String nfd(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD);
    }

}
