package io.github.spellingreports.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The identity of a spelling error: a hash of the canonical page URL and the selection with a
 * little of its context. Reports with the same key are the same error.
 */
public final class DedupKey {

    /** How many characters of context on each side take part in the key. */
    public static final int CONTEXT_CHARACTERS = 20;

    /** A key's length: SHA-256 in hex. */
    public static final int LENGTH = 64;

    private DedupKey() {
    }

    /**
     * Computes the key; white space and Unicode composition do not change it.
     * @param pageUrl the page URL as sent (canonicalised here)
     * @param contextBefore text before the selection
     * @param selection the selection
     * @param contextAfter text after the selection
     * @return 64 lower-case hex characters (SHA-256)
     */
    public static String of(String pageUrl, String contextBefore, String selection, String contextAfter) {
        String before = Canonical.text(contextBefore).stripLeading().stripTrailing();
        String after = Canonical.text(contextAfter).stripLeading().stripTrailing();
        String identity = Canonical.pageUrl(pageUrl)
                + '\n' + tail(before, CONTEXT_CHARACTERS)
                + '\n' + Canonical.text(selection).strip()
                + '\n' + head(after, CONTEXT_CHARACTERS);
        return sha256(identity);
    }

    /**
     * Whether a text has the form {@link #of} produces. A loop rather than a regular expression: the
     * worker checks the key of every record it consumes.
     * @param key the text to check, may be {@code null}
     * @return {@code true} for exactly {@value #LENGTH} lower-case hex characters
     */
    public static boolean isWellFormed(String key) {
        if (key == null || key.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            char c = key.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static String tail(String text, int length) {
        return text.length() <= length ? text : text.substring(text.offsetByCodePoints(text.length(), -Math.min(length, text.codePointCount(0, text.length()))));
    }

    private static String head(String text, int length) {
        return text.length() <= length ? text : text.substring(0, text.offsetByCodePoints(0, Math.min(length, text.codePointCount(0, text.length()))));
    }

    private static String sha256(String text) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

}
