package io.github.spellingreports.worker.queue;

/**
 * Whether two reports of one page select overlapping text at the same place. Their windows are
 * laid over each other at every shift at which the selections intersect; a shift counts only when
 * the windows agree on all of their common part and that part is long enough to place them
 * (see {@link #MIN_ALIGNED}). Pure, so that the rule is tested on its own.
 */
final class Overlap {

    /**
     * Agreeing characters (white space left out) that place two windows at one spot of a page: a
     * word and its neighbours, more than a repeated word or a short phrase. A window shorter than
     * this must lie wholly inside the other, and not wholly inside the other's selection unless the
     * two are the same text: a selection sent without context (a letter, a word) is found inside
     * many longer selections, which says nothing about where on the page it was made.
     */
    static final int MIN_ALIGNED = 20;

    private Overlap() {
    }

    /**
     * @return the length of the longest agreeing common part at which the selections intersect, or
     * {@code 0} when there is none: then the reports are two different mistakes (or cannot be placed)
     */
    static int of(TextWindow a, TextWindow b) {
        if (a.selectionStart() == a.selectionEnd() || b.selectionStart() == b.selectionEnd()) {
            return 0;
        }
        int required = Math.min(MIN_ALIGNED, Math.min(a.length(), b.length()));
        int best = 0;
        // b's index j lies on a's index j + shift; the selections intersect for shifts strictly inside these bounds
        for (int shift = a.selectionStart() - b.selectionEnd() + 1; shift < a.selectionEnd() - b.selectionStart(); shift++) {
            int from = Math.max(0, shift);
            int length = Math.min(a.length(), b.length() + shift) - from;
            if (length >= Math.max(required, best + 1)
                    && a.text().regionMatches(from, b.text(), from - shift, length)
                    && (length >= MIN_ALIGNED || shortWindowPlaced(a, b, shift))) {
                best = length;
            }
        }
        return best;
    }

    /**
     * The shorter window lies wholly inside the other at {@code shift} (b's index j on a's j + shift).
     * @return whether it is the same text or reaches beyond the other's selection into its context
     */
    private static boolean shortWindowPlaced(TextWindow a, TextWindow b, int shift) {
        if (a.length() == b.length()) {
            return true;
        }
        if (b.length() < a.length()) {
            return shift < a.selectionStart() || shift + b.length() > a.selectionEnd();
        }
        return -shift < b.selectionStart() || a.length() - shift > b.selectionEnd();
    }

}
