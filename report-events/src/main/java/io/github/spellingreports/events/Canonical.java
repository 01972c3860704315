package io.github.spellingreports.events;

import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;
import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Canonical forms of page URLs and reported text, so that reports of one error made by different
 * readers, browsers and share links compare equal.
 */
public final class Canonical {

    /**
     * Parameters that identify a click, a campaign or a mail, never a page: search engines' and
     * ads' (Google, Microsoft, Yandex, whose search appends {@code ysclid} to every result it
     * links), newsletters' (Mailchimp, HubSpot, Marketo), social networks' and Google Analytics'
     * cross-domain linker. Each reader brings their own value, so a page keeping one would split
     * one error into as many as its readers.
     */
    static final Set<String> TRACKING = Set.of("fbclid", "gclid", "dclid", "gbraid", "wbraid", "srsltid", "msclkid",
            "yclid", "ysclid", "_openstat", "mc_cid", "mc_eid", "_hsenc", "_hsmi", "mkt_tok", "igshid", "twclid",
            "ttclid", "li_fat_id", "_ga", "_gl");

    private Canonical() {
    }

    /**
     * Unicode NFC, every run of white space (including no-break and zero-width spaces) collapsed
     * to one space. Leading and trailing space is kept as one space, so the caller decides.
     * @param text any text, may be {@code null}
     * @return the canonical text, empty for {@code null}
     */
    public static String text(String text) {
        if (text == null) {
            return "";
        }
        // normalize returns its argument when it is in NFC already (the usual case), and collapse when
        // there is nothing to collapse: most texts are copied by neither (a regex replacing white space
        // copied every one; with NFC, a quarter of the worker's CPU per report in a backlog drain)
        return collapse(Normalizer.normalize(text, Normalizer.Form.NFC));
    }

    /** @return whether {@link #collapse} leaves the text as it is: every white space character is a lone U+0020 */
    static boolean isCollapsed(String text) {
        return collapse(text) == text;
    }

    /** @return the text with every run of white space as one U+0020; the text itself when there is none to replace */
    private static String collapse(String text) {
        StringBuilder collapsed = null;
        boolean afterSpace = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean space = isWhiteSpace(c);
            if (collapsed == null && space && (c != ' ' || afterSpace)) {
                // the first white space to replace: copy what came before it, unchanged
                collapsed = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (collapsed != null && !(space && afterSpace)) {
                collapsed.append(space ? ' ' : c);
            }
            afterSpace = space;
        }
        return (collapsed != null) ? collapsed.toString() : text;
    }

    /**
     * White space: {@code \s} (space, \t to \r), Unicode's space separators ({@code \p{Zs}}, e.g.
     * no-break spaces), the line and paragraph separators, the zero-width space and the byte order
     * mark. None is a surrogate, so a char is enough.
     */
    private static boolean isWhiteSpace(char c) {
        if (c < 0x80) {
            return c == ' ' || (c >= '\t' && c <= '\r');
        }
        return Character.getType(c) == Character.SPACE_SEPARATOR || c == '\u2028' || c == '\u2029' || c == '\u200B'
                || c == '\uFEFF';
    }

    /**
     * The canonical form of a page URL, in ASCII as browsers send it (a host in Unicode as IDNA, other
     * text outside ASCII percent-encoded): scheme and host lower-cased, default port, fragment,
     * tracking parameters ({@code utm_*} and the {@link #TRACKING} identifiers) and a trailing slash dropped.
     * @param url an absolute http(s) URL
     * @return the canonical URL
     * @throws IllegalArgumentException when the URL is not absolute http(s)
     */
    public static String pageUrl(String url) {
        String stripped = url.strip();
        requireWholeCharacters(stripped);
        URI uri = asBrowsersSendIt(parse(stripped));
        String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!"http".equals(scheme) && !"https".equals(scheme) || uri.getRawAuthority() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("not an absolute http(s) URL");
        }
        StringBuilder canonical = new StringBuilder(scheme).append("://").append(uri.getHost().toLowerCase(Locale.ROOT));
        int port = uri.getPort();
        if (port != -1 && !(port == 80 && "http".equals(scheme)) && !(port == 443 && "https".equals(scheme))) {
            canonical.append(':').append(port);
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        canonical.append(path);
        String query = canonicalQuery(uri.getRawQuery());
        if (!query.isEmpty()) {
            canonical.append('?').append(query);
        }
        return canonical.toString();
    }

    /**
     * A lone surrogate (JSON may escape one as {@code \\ud800}) has no UTF-8 to percent-encode:
     * {@link URI#toASCIIString} fails on it with a {@link NullPointerException}.
     */
    private static void requireWholeCharacters(String url) {
        int half = loneSurrogate(url, 0);
        if (half >= 0) {
            throw new IllegalArgumentException("not a valid URL: half a character (a lone surrogate) at index " + half);
        }
    }

    /**
     * @param text any text
     * @param from where to start looking
     * @return the index of the first half of a character (a surrogate without its other half) at or
     *         after {@code from}, -1 where every character from there is whole
     */
    public static int loneSurrogate(String text, int from) {
        for (int i = from; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            }
            else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    private static URI parse(String url) {
        try {
            return new URI(url);
        }
        catch (URISyntaxException ex) {
            throw new IllegalArgumentException("not a valid URL: " + ex.getReason(), ex);
        }
    }

    /**
     * A URL with text outside ASCII (a host such as пример.рф, a path such as /новости) in the form
     * browsers send it: the host in ASCII (IDNA, {@code xn--e1afmkfd.xn--p1ai}), the rest in
     * percent-encoded UTF-8. {@link URI} takes such a host only as a registry name, with no host.
     */
    private static URI asBrowsersSendIt(URI uri) {
        String authority = uri.getRawAuthority();
        if (uri.getHost() == null && authority != null && !authority.contains("@") && !isAscii(authority)) {
            int colon = authority.lastIndexOf(':');
            boolean port = colon > 0 && colon < authority.length() - 1
                    && authority.substring(colon + 1).chars().allMatch((c) -> c >= '0' && c <= '9');
            String host = port ? authority.substring(0, colon) : authority;
            String ascii;
            try {
                ascii = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES);
            }
            catch (IllegalArgumentException ex) {
                throw new IllegalArgumentException("not a valid host name: " + ex.getMessage(), ex);
            }
            String rest = uri.getRawPath() + (uri.getRawQuery() != null ? "?" + uri.getRawQuery() : "");
            uri = parse(uri.getScheme() + "://" + ascii + (port ? authority.substring(colon) : "") + rest);
        }
        String text = uri.toString();
        return isAscii(text) ? uri : parse(uri.toASCIIString());
    }

    private static boolean isAscii(String text) {
        return text.chars().allMatch((c) -> c < 0x80);
    }

    /**
     * The origin ({@code scheme://host[:port]}) of an absolute http(s) URL, lower-cased, default port omitted.
     * @param url an absolute http(s) URL
     * @return its origin
     * @throws IllegalArgumentException when the URL is not absolute http(s)
     */
    public static String origin(String url) {
        return originOfCanonical(pageUrl(url));
    }

    /**
     * The origin of a URL already in canonical form, without parsing it again: for a caller that
     * needs both.
     * @param canonical what {@link #pageUrl} returned
     * @return its origin, as {@link #origin} gives it
     */
    public static String originOfCanonical(String canonical) {
        // the authority ends at the first '/' or '?' after the scheme: a home page's query may hold a '/' of its own
        int authority = canonical.indexOf("://") + 3;
        int end = authority;
        while (end < canonical.length() && canonical.charAt(end) != '/' && canonical.charAt(end) != '?') {
            end++;
        }
        return canonical.substring(0, end);
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        return Arrays.stream(rawQuery.split("&"))
                .filter(parameter -> !parameter.isEmpty() && !isTracking(parameter))
                .collect(Collectors.joining("&"));
    }

    private static boolean isTracking(String parameter) {
        String name = parameter.split("=", 2)[0].toLowerCase(Locale.ROOT);
        return name.startsWith("utm_") || TRACKING.contains(name);
    }

}
