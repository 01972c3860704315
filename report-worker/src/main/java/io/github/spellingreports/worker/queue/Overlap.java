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
     * this must lie wholly inside the other.
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
                    && a.text().regionMatches(from, b.text(), from - shift, length)) {
                best = length;
            }
        }
        return best;
    }

}
