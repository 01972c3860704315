package io.github.spellingreports.worker.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Readers' bidirectional formatting characters end where their text ends; other text is shown as it is. */
class BidiTextTests {

    private static final String LRE = "\u202A";

    private static final String RLE = "\u202B";

    private static final String PDF = "\u202C";

    private static final String RLO = "\u202E";

    private static final String LRI = "\u2066";

    private static final String RLI = "\u2067";

    private static final String FSI = "\u2068";

    private static final String PDI = "\u2069";

    @Test
    void textWithoutScopedControlsIsShownAsItIs() {
        String text = "Қазақстан \u200Fשלום\u200E, العربية \u061C 1";
        assertThat(BidiText.confine(text)).isSameAs(text);
        assertThat(BidiText.confine(null)).isNull();
        assertThat(BidiText.confine("")).isEmpty();
    }

    @Test
    void whatTheTextStartsEndsAtItsEndInnermostFirst() {
        assertThat(BidiText.confine("ab" + RLO + "cd")).isEqualTo("ab" + RLO + "cd" + PDF);
        assertThat(BidiText.confine(LRI + "a" + RLE + "b")).isEqualTo(LRI + "a" + RLE + "b" + PDF + PDI);
        assertThat(BidiText.confine(RLE + "a" + FSI + "b")).isEqualTo(RLE + "a" + FSI + "b" + PDI + PDF);
    }

    @Test
    void balancedControlsStayAsTheyAre() {
        String text = "a" + RLO + "b" + PDF + " c " + RLI + "d" + LRE + "e" + PDF + PDI;
        assertThat(BidiText.confine(text)).isEqualTo(text);
    }

    @Test
    void anIsolatesEndAlsoEndsTheEmbeddingsStartedInsideIt() {
        assertThat(BidiText.confine(RLI + "a" + RLE + "b" + PDI + "c")).isEqualTo(RLI + "a" + RLE + "b" + PDI + "c");
        assertThat(BidiText.confine(RLI + "a" + RLE + "b" + PDI + "c" + PDF)).isEqualTo(RLI + "a" + RLE + "b" + PDI + "c");
    }

    @Test
    void endsOfWhatTheTextDidNotStartAreLeftOut() {
        assertThat(BidiText.confine("a" + PDF + "b" + PDI + "c")).isEqualTo("abc");
        // an embedding's end inside an isolate cannot end an embedding started outside it
        assertThat(BidiText.confine(RLE + "a" + LRI + "b" + PDF + "c")).isEqualTo(RLE + "a" + LRI + "bc" + PDI + PDF);
    }

    @Test
    void oneLineIsCutBetweenCodePointsAndConfined() {
        String selection = "a".repeat(59) + "\uD83D\uDE00 tail";
        assertThat(BidiText.oneLine(selection, 60)).isEqualTo("a".repeat(59) + "\uD83D\uDE00\u2026");
        assertThat(BidiText.oneLine(selection, 59)).isEqualTo("a".repeat(59) + "\u2026");
        assertThat(BidiText.oneLine("  two\n lines ", 60)).isEqualTo("two lines");
        assertThat(BidiText.oneLine("Title " + RLO + "with override", 10)).isEqualTo("Title " + RLO + "wit\u2026" + PDF);
    }

}
