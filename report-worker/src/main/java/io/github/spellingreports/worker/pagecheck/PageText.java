package io.github.spellingreports.worker.pagecheck;

import java.util.Locale;

import io.github.spellingreports.events.Canonical;

/**
 * Decides from a page's text whether a reported selection was corrected. Conservative on purpose:
 * "corrected" needs the surrounding context still on the page with something else in place of the
 * selection; a page rewritten beyond recognition, or rendered by script, proves nothing.
 */
final class PageText {

    /** Characters of context on each side used to find the place again. */
    static final int ANCHOR = 30;

    /** How much longer than the selection the replacement may be. */
    static final int SLACK = 100;

    private PageText() {
    }

    /**
     * @param pageText the page's visible text
     * @return whether the context is on the page with the selection replaced by other text
     */
    static boolean corrected(String pageText, String contextBefore, String selection, String contextAfter) {
        // Case aside: a browser gives a selection as the page shows it, in capitals where CSS
        // (text-transform) makes a heading so, while the page's text has the case the article was
        // written in. A correction of case alone is not seen, and the error stays in the digest.
        String text = folded(pageText);
        String before = folded(contextBefore);
        String wrong = folded(selection).strip();
        String after = folded(contextAfter);
        if (wrong.isEmpty() || text.contains(before + folded(selection) + after)) {
            return false;
        }
        String head = before.substring(Math.max(0, before.length() - ANCHOR)).stripLeading();
        String tail = after.substring(0, Math.min(after.length(), ANCHOR)).stripTrailing();
        if (head.isBlank() || tail.isBlank()) {
            return false;
        }
        for (int at = text.indexOf(head); at >= 0; at = text.indexOf(head, at + 1)) {
            int from = at + head.length();
            int to = text.indexOf(tail, from);
            if (to >= 0 && to - from <= wrong.length() + SLACK) {
                String between = text.substring(from, to).strip();
                if (!between.contains(wrong)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String folded(String text) {
        return Canonical.text(text).toLowerCase(Locale.ROOT);
    }

}
