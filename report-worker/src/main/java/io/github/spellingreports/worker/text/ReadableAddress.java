package io.github.spellingreports.worker.text;

import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * A page's address as editors read it, the way a browser's address bar shows it: pages are stored
 * as browsers send them, in ASCII, so a site on пример.рф with its news under /новости is
 * {@code https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8}; shown, it is
 * {@code https://пример.рф/новости} again. Only the host's IDNA labels and percent-encoded UTF-8
 * letters outside ASCII are decoded: an encoded ASCII character ({@code %2F}, {@code %3F},
 * {@code %20}), white space, a control or a formatting character stays encoded, so the text still
 * says which address it is. For display only: links, the API and the stored address keep the
 * address itself.
 */
public final class ReadableAddress {

    /** Escapes written back as they are stored (browsers send upper-case hex digits). */
    private static final HexFormat UPPER_HEX = HexFormat.of().withUpperCase();

    private ReadableAddress() {
    }

    /**
     * @param url an address as stored, or {@code null}
     * @return the address as a person reads it; {@code null} for {@code null}
     */
    public static String of(String url) {
        if (url == null) {
            return null;
        }
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        int hostStart = schemeEnd + 3;
        int hostEnd = hostStart;
        while (hostEnd < url.length() && "/?#:".indexOf(url.charAt(hostEnd)) < 0) {
            hostEnd++;
        }
        String host = url.substring(hostStart, hostEnd);
        String shownHost = host.toLowerCase(Locale.ROOT).contains("xn--") ? IDN.toUnicode(host) : host;
        String rest = url.substring(hostEnd);
        String shownRest = (rest.indexOf('%') >= 0) ? decodeLetters(rest) : rest;
        return url.substring(0, hostStart) + shownHost + shownRest;
    }

    /**
     * Decodes each run of percent-encoded bytes that is UTF-8, character by character: one fit to
     * show as itself, any other as its escapes.
     */
    private static String decodeLetters(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            int runEnd = i;
            while (isEscapedHighByte(text, runEnd)) {
                runEnd += 3;
            }
            if (runEnd == i) {
                shown.append(text.charAt(i));
                i++;
                continue;
            }
            String decoded = utf8(text.substring(i, runEnd));
            if (decoded == null) {
                shown.append(text, i, runEnd);
            }
            else {
                decoded.codePoints().forEach((c) -> {
                    if (showable(c)) {
                        shown.appendCodePoint(c);
                    }
                    else {
                        for (byte b : Character.toString(c).getBytes(StandardCharsets.UTF_8)) {
                            shown.append('%').append(UPPER_HEX.toHexDigits(b));
                        }
                    }
                });
            }
            i = runEnd;
        }
        return shown.toString();
    }

    /** {@code %XX} at {@code at} with XX from 80 to FF: a byte of a character outside ASCII. */
    private static boolean isEscapedHighByte(String text, int at) {
        return at + 2 < text.length() && text.charAt(at) == '%' && HexFormat.isHexDigit(text.charAt(at + 1))
                && HexFormat.isHexDigit(text.charAt(at + 2)) && HexFormat.fromHexDigit(text.charAt(at + 1)) >= 8;
    }

    /** @return the run's bytes as UTF-8, or {@code null} when they are not (a Latin-1 address, a cut sequence) */
    private static String utf8(String run) {
        byte[] bytes = new byte[run.length() / 3];
        for (int b = 0; b < bytes.length; b++) {
            bytes[b] = (byte) HexFormat.fromHexDigits(run, b * 3 + 1, b * 3 + 3);
        }
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        }
        catch (CharacterCodingException ex) {
            return null;
        }
    }

    /** Letters, marks, digits, symbols and punctuation; not white space, controls or formatting characters. */
    private static boolean showable(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.UNASSIGNED -> false;
            default -> true;
        };
    }

}
