package io.github.spellingreports.web;

import java.util.List;

import org.springframework.http.MediaType;

/**
 * Whether a request comes from a browser showing a page, which gets an error as a page, not as a
 * problem detail.
 */
public final class Browsers {

    private Browsers() {
    }

    /**
     * @param accept the request's {@code Accept} header, or {@code null}
     * @return whether it names HTML (browsers do); curl's and scripts' {@code *}{@code /*}, none or a
     *         malformed one do not
     */
    public static boolean askForHtml(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            List<MediaType> accepted = MediaType.parseMediaTypes(accept);
            return accepted.stream().anyMatch((type) -> !type.isWildcardType() && type.includes(MediaType.TEXT_HTML));
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

}
