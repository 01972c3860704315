package io.github.spellingreports.worker.text;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Readers' text as editors are shown it (console, mails, alert subjects and webhook messages), with
 * the scope of its bidirectional formatting characters ended where the text ends.
 * <p>
 * A reader's selection is a slice of a page: it may hold the start of an embedding, override or
 * isolate (U+202A, U+202B, U+202D, U+202E, U+2066 to U+2068) whose end (U+202C, U+2069) lies outside
 * it, on the page or nowhere, and a report sent through the API may hold any of them on purpose.
 * Shown as it is, such a start reorders everything after it in the same paragraph: a selection
 * holding U+202E showed its context after it, the rest of a subject line, backwards. {@link #confine}
 * ends what the text starts (in the order the Unicode Bidirectional Algorithm ends them) and leaves out
 * ends that close nothing the text started, so each piece of reader's text keeps its own directions
 * and a text without these characters is returned as it is. Marks without scope (U+200E, U+200F,
 * U+061C) stay. The stored text, the API and the dedup key are unchanged: only what is shown is.
 */
public final class BidiText {

    private static final char PDF = '\u202C';

    private static final char PDI = '\u2069';

    private BidiText() {
    }

    /**
     * @param text reader's text, or {@code null}
     * @return the text with every embedding, override and isolate it starts ended at its end, and with
     *         the ends of ones it does not start left out; {@code null} for {@code null}
     */
    public static String confine(String text) {
        if (text == null || !hasScopedControl(text)) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 4);
        Deque<Character> open = new ArrayDeque<>();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (startsEmbedding(c)) {
                open.push(PDF);
            }
            else if (startsIsolate(c)) {
                open.push(PDI);
            }
            else if (c == PDF) {
                if (open.isEmpty() || open.peek() != PDF) {
                    continue;
                }
                open.pop();
            }
            else if (c == PDI) {
                if (!open.contains(PDI)) {
                    continue;
                }
                while (open.pop() != PDI) {
                    // an isolate's end also ends the embeddings started inside it
                }
            }
            shown.append(c);
        }
        while (!open.isEmpty()) {
            shown.append(open.pop());
        }
        return shown.toString();
    }

    /**
     * @param text reader's text
     * @param max the most code points to keep
     * @return the text on one line (runs of white space as one space, none at either end), cut after
     *         {@code max} code points (never inside a surrogate pair) with an ellipsis, and
     *         {@linkplain #confine confined}
     */
    public static String oneLine(String text, int max) {
        String line = text.replaceAll("\\s+", " ").strip();
        if (line.codePointCount(0, line.length()) > max) {
            line = line.substring(0, line.offsetByCodePoints(0, max)) + "\u2026";
        }
        return confine(line);
    }

    private static boolean hasScopedControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (startsEmbedding(c) || startsIsolate(c) || c == PDF || c == PDI) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsEmbedding(char c) {
        return c == '\u202A' || c == '\u202B' || c == '\u202D' || c == '\u202E';
    }

    private static boolean startsIsolate(char c) {
        return c >= '\u2066' && c <= '\u2068';
    }

}
