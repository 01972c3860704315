package io.github.spellingreports.worker.console;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

import io.github.spellingreports.worker.queue.ErrorStatus;

/**
 * A signed one-click link of a digest mail.
 *
 * @param errorId the error it acts on
 * @param action what it does
 * @param expiresAt when it stops working (whole seconds)
 * @param signature HMAC-SHA256 over the three, base64url
 */
record ActionLink(long errorId, Action action, Instant expiresAt, String signature) {

    /** What a link can do, and the status it sets. */
    public enum Action {

        FIXED("fixed", ErrorStatus.FIXED, "Mark as fixed"), DISMISS("dismiss", ErrorStatus.DISMISSED, "Dismiss");

        private final String slug;

        private final ErrorStatus status;

        private final String label;

        Action(String slug, ErrorStatus status, String label) {
            this.slug = slug;
            this.status = status;
            this.label = label;
        }

        public String slug() {
            return this.slug;
        }

        public ErrorStatus status() {
            return this.status;
        }

        public String label() {
            return this.label;
        }

        static Optional<Action> of(String slug) {
            return Arrays.stream(values()).filter((action) -> action.slug.equals(slug)).findFirst();
        }

    }

}
