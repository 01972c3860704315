package io.github.spellingreports.worker.digest;

import java.util.List;

/**
 * One error as the digest shows it.
 *
 * @param errorId the error's id in the moderation queue
 * @param pageUrl canonical URL of the page
 * @param pageTitle title of the page, may be {@code null}
 * @param contextBefore text before the selection, shortened for the mail
 * @param selection the reported text
 * @param contextAfter text after the selection, shortened for the mail
 * @param reportCount how many readers reported it in all
 * @param newReports how many of them since the previous digest
 * @param comments distinct comments readers wrote, the most recent ones, oldest first
 * @param moreComments whether readers wrote more comments than these (the console has them all)
 * @param link the page URL with a text fragment that scrolls to the selection
 * @param reportedAgainAfterFix whether readers reported it again after an editor marked it fixed
 * @param otherSelections the other ways readers selected this mistake (overlapping selections), most reported first
 */
record DigestEntry(long errorId, String pageUrl, String pageTitle, String contextBefore, String selection,
        String contextAfter, int reportCount, int newReports, List<String> comments, boolean moreComments, String link,
        boolean reportedAgainAfterFix, List<OtherSelection> otherSelections) {

    /** Characters of context shown on each side of the selection. */
    static final int SHOWN_CONTEXT = 60;

    DigestEntry {
        comments = List.copyOf(comments);
        otherSelections = List.copyOf(otherSelections);
    }

    /**
     * @return an entry whose context is cut to {@link #SHOWN_CONTEXT} characters at a word, with an ellipsis
     */
    static DigestEntry of(long errorId, String pageUrl, String pageTitle, String contextBefore, String selection,
            String contextAfter, int reportCount, int newReports, List<String> comments) {
        return of(errorId, pageUrl, pageTitle, contextBefore, selection, contextAfter, reportCount, newReports, comments,
                false, false, List.of());
    }

    static DigestEntry of(long errorId, String pageUrl, String pageTitle, String contextBefore, String selection,
            String contextAfter, int reportCount, int newReports, List<String> comments, boolean moreComments,
            boolean reportedAgainAfterFix, List<OtherSelection> otherSelections) {
        return new DigestEntry(errorId, pageUrl, pageTitle, shortBefore(contextBefore), selection,
                shortAfter(contextAfter), reportCount, newReports, comments, moreComments,
                TextFragmentLink.of(pageUrl, contextBefore, selection, contextAfter), reportedAgainAfterFix,
                otherSelections);
    }

    /**
     * Another selection readers made of the same mistake.
     *
     * @param selection the text they selected
     * @param reportCount how many reports selected it
     */
    record OtherSelection(String selection, int reportCount) {
    }

    private static String shortBefore(String text) {
        if (text.length() <= SHOWN_CONTEXT) {
            return text;
        }
        String tail = text.substring(text.length() - SHOWN_CONTEXT);
        int space = tail.indexOf(' ');
        return "\u2026" + (space >= 0 && space < tail.length() - 1 ? tail.substring(space + 1) : tail);
    }

    private static String shortAfter(String text) {
        if (text.length() <= SHOWN_CONTEXT) {
            return text;
        }
        String head = text.substring(0, SHOWN_CONTEXT);
        int space = head.lastIndexOf(' ');
        return (space > 0 ? head.substring(0, space) : head) + "\u2026";
    }

}
