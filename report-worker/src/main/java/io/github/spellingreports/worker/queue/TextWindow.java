package io.github.spellingreports.worker.queue;

/**
 * A report's selection within its context, as one window of the page's text. White space is left
 * out: browsers render and select it differently (line breaks, a space taken into the selection or
 * left in the context), while the visible characters are the page's own.
 *
 * @param text context before, selection and context after, without white space
 * @param selectionStart index of the selection's first character in {@code text}
 * @param selectionEnd index after the selection's last character
 */
record TextWindow(String text, int selectionStart, int selectionEnd) {

    static TextWindow of(String contextBefore, String selection, String contextAfter) {
        String before = visible(contextBefore);
        String selected = visible(selection);
        return new TextWindow(before + selected + visible(contextAfter), before.length(),
                before.length() + selected.length());
    }

    int length() {
        return this.text.length();
    }

    private static String visible(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder visible = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                visible.append(c);
            }
        }
        return visible.toString();
    }

}
