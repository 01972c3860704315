package io.github.spellingreports.worker.digest;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Builds links that open a page scrolled to a text and highlight it: a URL text fragment
 * ({@code #:~:text=prefix-,text,-suffix}, WICG Scroll-to-Text-Fragment).
 * <p>
 * Browsers match text fragments on word boundaries only, so a selection that starts or ends
 * inside a word is widened to the whole word with the neighbouring context. A few words of
 * context on each side tell apart the same typo at several places on a page. A selection of several
 * words also gets a range ({@code text=prefix-,first,last,-suffix}), which a browser finds across
 * paragraphs too.
 */
public final class TextFragmentLink {

    /** Words of context used as prefix and suffix. */
    static final int CONTEXT_WORDS = 3;

    private static final Pattern SPACES = Pattern.compile("\\s+");

    private TextFragmentLink() {
    }

    /**
     * @param pageUrl the page URL, without fragment
     * @param contextBefore text before the selection
     * @param selection the selected text
     * @param contextAfter text after the selection
     * @return the page URL with a text fragment, or the plain page URL when the selection is blank
     */
    public static String of(String pageUrl, String contextBefore, String selection, String contextAfter) {
        String before = nullToEmpty(contextBefore);
        String raw = nullToEmpty(selection);
        String text = raw.strip();
        String after = nullToEmpty(contextAfter);
        if (text.isEmpty()) {
            return pageUrl;
        }
        int wordStart = before.length();
        if (isWordCharacter(text.charAt(0)) && !Character.isWhitespace(raw.charAt(0))) {
            while (wordStart > 0 && isWordCharacter(before.charAt(wordStart - 1))) {
                wordStart--;
            }
        }
        int wordEnd = 0;
        if (isWordCharacter(text.charAt(text.length() - 1)) && !Character.isWhitespace(raw.charAt(raw.length() - 1))) {
            while (wordEnd < after.length() && isWordCharacter(after.charAt(wordEnd))) {
                wordEnd++;
            }
        }
        text = before.substring(wordStart) + text + after.substring(0, wordEnd);
        String prefix = lastWords(before.substring(0, wordStart));
        String suffix = firstWords(after.substring(wordEnd));
        StringBuilder link = new StringBuilder(pageUrl).append("#:~:");
        directive(link, prefix, encode(text), suffix);
        String[] words = words(text);
        if (words.length > 1 && !prefix.isEmpty()) {
            // A browser finds a text only within one block (paragraph, heading, list item): a
            // selection across two finds nothing, and the page opens at its top. The range from its
            // first to its last word may span blocks; the prefix fixes where it starts (without one
            // it would start at the word's first occurrence on the page). Where the text itself is
            // found, both mark the same words.
            link.append('&');
            directive(link, prefix, encode(words[0]) + "," + encode(words[words.length - 1]), suffix);
        }
        return link.toString();
    }

    private static void directive(StringBuilder link, String prefix, String encodedText, String suffix) {
        link.append("text=");
        if (!prefix.isEmpty()) {
            link.append(encode(prefix)).append("-,");
        }
        link.append(encodedText);
        if (!suffix.isEmpty()) {
            link.append(",-").append(encode(suffix));
        }
    }

    /**
     * Percent-encodes UTF-8 bytes of everything but letters, digits and {@code . _ ~}: the
     * fragment syntax gives {@code -}, {@code ,} and {@code &} a meaning, so they are encoded too.
     * @param text any text
     * @return the encoded text
     */
    static String encode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '~') {
                encoded.append((char) c);
            }
            else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return encoded.toString();
    }

    private static String lastWords(String text) {
        String[] words = words(text);
        return String.join(" ", Arrays.copyOfRange(words, Math.max(0, words.length - CONTEXT_WORDS), words.length));
    }

    private static String firstWords(String text) {
        String[] words = words(text);
        return String.join(" ", Arrays.copyOfRange(words, 0, Math.min(CONTEXT_WORDS, words.length)));
    }

    private static String[] words(String text) {
        String stripped = text.strip();
        return stripped.isEmpty() ? new String[0] : SPACES.split(stripped);
    }

    private static boolean isWordCharacter(char c) {
        return Character.isLetterOrDigit(c);
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

}
