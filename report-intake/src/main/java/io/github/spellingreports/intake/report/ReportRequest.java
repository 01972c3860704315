package io.github.spellingreports.intake.report;

import java.time.Instant;
import java.util.UUID;

import io.github.spellingreports.events.Canonical;
import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A reader's report as the widget sends it.
 *
 * @param reportId chosen by the widget so a retry is the same report; generated when absent
 * @param pageUrl the page the reader was on; its origin must be allowed
 * @param pageTitle the page title
 * @param lang the page's language tag, e.g. {@code en} or {@code kk-KZ}; blank counts as absent
 * @param selection the selected text
 * @param contextBefore text just before the selection
 * @param contextAfter text just after the selection
 * @param comment the reader's comment
 * @param website the honeypot ({@link io.github.spellingreports.intake.abuse.Honeypot}): never sent by the widget, filled in by bots
 */
record ReportRequest(
        UUID reportId,
        @NotNull(message = "is required") @Size(max = MAX_PAGE_URL, message = "must be at most {max} characters")
        @Pattern(regexp = NO_CONTROLS, message = NO_CONTROLS_MESSAGE) @AllowedPageUrl String pageUrl,
        @Size(max = 500, message = "must be at most {max} characters")
        @Pattern(regexp = NO_CONTROLS, message = NO_CONTROLS_MESSAGE) String pageTitle,
        @Size(max = 35, message = "must be at most {max} characters")
        @Pattern(regexp = LANGUAGE_TAG, message = "must be a language tag such as en or kk-KZ") String lang,
        @NotNull(message = "is required") @TrimmedLength(min = 1, max = 300)
        @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String selection,
        @Size(max = 200, message = "must be at most {max} characters")
        @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String contextBefore,
        @Size(max = 200, message = "must be at most {max} characters")
        @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String contextAfter,
        @Size(max = 1000, message = "must be at most {max} characters")
        @Pattern(regexp = TEXT, message = TEXT_MESSAGE) String comment,
        String website) {

    /** No control characters at all (C0, DEL and C1). */
    static final String NO_CONTROLS = "\\P{Cc}*";

    static final String NO_CONTROLS_MESSAGE = "must not contain control characters";

    /** Reader text: tab and line breaks are fine, other control characters are not (one class: no regex recursion). */
    static final String TEXT = "[\\t\\n\\r\\P{Cc}]*";

    static final String TEXT_MESSAGE = "must not contain control characters other than tab and line breaks";

    /** The longest page address, also in the form the worker stores it (as browsers send it). */
    static final int MAX_PAGE_URL = 2048;

    /** BCP 47 in shape (primary language, then subtags), not checked against the registry; empty allowed. */
    static final String LANGUAGE_TAG = "\\s*|[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*";

    /**
     * The event for this report.
     * @param id the report id, the given one or a generated one
     * @param receivedAt when the intake accepted the report
     * @param clientHash salted hash of the reader's address
     * @return the event to publish
     */
    SpellingErrorReported toEvent(UUID id, Instant receivedAt, String clientHash) {
        String before = contextBefore == null ? "" : wellFormed(contextBefore);
        String after = contextAfter == null ? "" : wellFormed(contextAfter);
        String trimmedSelection = wellFormed(selection.strip());
        return new SpellingErrorReported(SpellingErrorReported.CURRENT_SCHEMA_VERSION, id,
                DedupKey.of(pageUrl, before, trimmedSelection, after), pageUrl, wellFormed(pageTitle),
                lang == null || lang.isBlank() ? null : lang, trimmedSelection, before, after,
                comment == null || comment.isBlank() ? null : wellFormed(comment), receivedAt, clientHash);
    }

    /**
     * Reader text with U+FFFD, as a browser's {@code TextEncoder} writes it, for each half of a
     * character (a lone surrogate, which a JSON string may carry escaped: a widget cutting its context
     * or a title in an emoji's middle), which has no UTF-8 and was stored as "?".
     * @param text reader text, may be {@code null}
     * @return the text itself when every surrogate is one of a pair (the usual case), else a copy
     */
    static String wellFormed(String text) {
        int half = (text != null) ? Canonical.loneSurrogate(text, 0) : -1;
        if (half < 0) {
            return text;
        }
        char[] chars = text.toCharArray();
        for (; half >= 0; half = Canonical.loneSurrogate(text, half + 1)) {
            chars[half] = '\uFFFD';
        }
        return new String(chars);
    }

}
