package io.github.spellingreports.worker.queue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The overlap rule on windows cut from one page's text the way the widget cuts them.
 */
class OverlapTests {

    static final String PAGE = "Floods hit the north of the country this week. The government in Kazakstan, "
            + "it is said, is sending help to the villages along the river, officials said on Tuesday. Aid also came from Kazakstan's "
            + "neighbours, who sent tents and water.";

    @Test
    void variantsOfOneSelectionOverlap() {
        TextWindow plain = window(PAGE, "Kazakstan", 0, 60);
        TextWindow wider = window(PAGE, "in Kazakstan,", 0, 60);
        TextWindow later = window(PAGE, "Kazakstan, it", 0, 60);
        assertThat(Overlap.of(plain, wider)).isGreaterThanOrEqualTo(Overlap.MIN_ALIGNED);
        assertThat(Overlap.of(plain, later)).isGreaterThanOrEqualTo(Overlap.MIN_ALIGNED);
        assertThat(Overlap.of(wider, later)).isGreaterThanOrEqualTo(Overlap.MIN_ALIGNED);
        assertThat(Overlap.of(later, wider)).isEqualTo(Overlap.of(wider, later));
    }

    @Test
    void windowsOfDifferentWidthsOverlap() {
        assertThat(Overlap.of(window(PAGE, "Kazakstan", 0, 20), window(PAGE, "Kazakstan", 0, 200)))
                .isGreaterThanOrEqualTo(Overlap.MIN_ALIGNED);
        assertThat(Overlap.of(window(PAGE, "Kazakstan", 0, 60), window(PAGE, "Kazakst", 0, 8)))
                .as("a short window wholly inside the other").isPositive();
    }

    @Test
    void whiteSpaceTakenIntoTheSelectionOrRenderedDifferentlyDoesNotMatter() {
        TextWindow plain = window(PAGE, "Kazakstan", 0, 60);
        int at = PAGE.indexOf("Kazakstan");
        TextWindow spaced = TextWindow.of(PAGE.substring(at - 40, at - 1).replace(" ", "\n "), " Kazakstan ",
                PAGE.substring(at + 9, at + 50));
        assertThat(Overlap.of(plain, spaced)).isGreaterThanOrEqualTo(Overlap.MIN_ALIGNED);
    }

    @Test
    void adjacentSelectionsDoNotOverlap() {
        TextWindow government = window(PAGE, "government", 0, 60);
        TextWindow in = window(PAGE, "in", PAGE.indexOf("government"), 60);
        assertThat(Overlap.of(government, in)).isZero();
        assertThat(Overlap.of(in, government)).isZero();
    }

    @Test
    void sameWordAtTwoPlacesDoesNotOverlap() {
        TextWindow first = window(PAGE, "Kazakstan", 0, 60);
        TextWindow second = window(PAGE, "Kazakstan", PAGE.indexOf("Kazakstan") + 1, 60);
        assertThat(Overlap.of(first, second)).isZero();
    }

    @Test
    void sameWordInRepeatedTextAtTwoPlacesDoesNotOverlap() {
        String page = "Na na na na na na na na na na na na na na na na, Batman! Na na na na na na na na, Robin!";
        TextWindow first = window(page, "na", 0, 12);
        TextWindow last = window(page, "na", page.indexOf("Robin") - 10, 12);
        assertThat(Overlap.of(first, last)).isZero();
    }

    @Test
    void agreementShorterThanTheMinimumDoesNotPlaceTwoWindows() {
        // the two windows share only "ak" (one ends inside the other's selection)
        TextWindow cutAfter = TextWindow.of("The government in ", "Kazak", "");
        TextWindow cutBefore = TextWindow.of("", "akstan", ", it is said, is sending help to the villages");
        assertThat(Overlap.of(cutAfter, cutBefore)).isZero();
    }

    @Test
    void selectionSentWithoutContextDoesNotJoinALongerSelectionItLiesIn() {
        // "a" alone lies inside "Kazakstan", as in most selections of a page: it says nothing about where it was made
        TextWindow letter = TextWindow.of("", "a", "");
        TextWindow kazakstan = window(PAGE, "Kazakstan", 0, 60);
        assertThat(Overlap.of(letter, kazakstan)).isZero();
        assertThat(Overlap.of(kazakstan, letter)).isZero();
        assertThat(Overlap.of(TextWindow.of("", "Kazakstan", ""), TextWindow.of("", "in Kazakstan,", ""))).isZero();
    }

    @Test
    void shortWindowOfTheSameTextOrReachingIntoTheOthersContextJoins() {
        // a one-word heading: the word alone, or a part of it with the rest as its context
        assertThat(Overlap.of(TextWindow.of("", "Kazakstan", ""), TextWindow.of("", "Kazak", "stan"))).isPositive();
        // "Kazakstan," alone reaches past the other's selection into its context
        TextWindow kazakstan = window(PAGE, "Kazakstan", 0, 60);
        assertThat(Overlap.of(TextWindow.of("", "Kazakstan,", ""), kazakstan)).isPositive();
        assertThat(Overlap.of(kazakstan, TextWindow.of("", "Kazakstan,", ""))).isPositive();
    }

    @Test
    void selectionsInDifferentTextDoNotOverlap() {
        assertThat(Overlap.of(TextWindow.of("A sentence on page 12 with ", "teh120", " in the middle of it."),
                TextWindow.of("A sentence on page 12 with ", "teh121", " in the middle of it."))).isZero();
        assertThat(Overlap.of(TextWindow.of("x ", "teh", " y"), TextWindow.of("z ", "teh", " y"))).isZero();
    }

    /** The first occurrence of the selection at or after {@code from}, with up to {@code context} characters each side. */
    static TextWindow window(String page, String selection, int from, int context) {
        int at = page.indexOf(selection, from);
        assertThat(at).as(selection).isNotNegative();
        int end = at + selection.length();
        return TextWindow.of(page.substring(Math.max(0, at - context), at), selection,
                page.substring(end, Math.min(page.length(), end + context)));
    }

}
