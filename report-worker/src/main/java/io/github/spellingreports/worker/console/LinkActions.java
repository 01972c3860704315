package io.github.spellingreports.worker.console;

import java.time.Instant;
import java.util.Optional;

import io.github.spellingreports.worker.queue.ErrorQueue;
import io.github.spellingreports.worker.queue.Moderation;
import io.github.spellingreports.worker.queue.QueuedError;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Checks one-click links and takes their action: authentic, not expired, not used, the error can
 * still take the status, and its status has not changed since the mail (it was open then, as now).
 * Only {@link #act} changes anything, and only once per link.
 */
@Service
class LinkActions {

    /** Who the audit trail names for a link's action: whoever received the digest. */
    static final String ACTOR = "digest recipient";

    private final ActionLinks links;

    private final UsedLinks usedLinks;

    private final ErrorQueue queue;

    private final Moderation moderation;

    LinkActions(ActionLinks links, UsedLinks usedLinks, ErrorQueue queue, Moderation moderation) {
        this.links = links;
        this.usedLinks = usedLinks;
        this.queue = queue;
        this.moderation = moderation;
    }

    /**
     * @return what the link leads to, without changing anything
     */
    Check check(long errorId, String actionSlug, long expires, String signature) {
        Optional<ActionLink.Action> action = ActionLink.Action.of(actionSlug);
        if (action.isEmpty() || !this.links.isAuthentic(errorId, action.get(), Instant.ofEpochSecond(expires), signature)) {
            return new Check(Outcome.TAMPERED, null, null);
        }
        ActionLink link = new ActionLink(errorId, action.get(), Instant.ofEpochSecond(expires), signature);
        if (Instant.now().isAfter(link.expiresAt())) {
            return new Check(Outcome.EXPIRED, link, null);
        }
        if (this.usedLinks.isUsed(link)) {
            // pressed again (a reload, a double tap, the browser restoring the tab): say it worked, if it did
            Optional<QueuedError> used = this.queue.findById(errorId);
            return (used.isPresent() && used.get().status() == action.get().status())
                    ? new Check(Outcome.USED_AND_DONE, link, used.get()) : new Check(Outcome.USED, link, null);
        }
        Optional<QueuedError> error = this.queue.findById(errorId);
        if (error.isEmpty()) {
            return new Check(Outcome.GONE, link, null);
        }
        if (!error.get().status().canChangeTo(action.get().status())) {
            return new Check(Outcome.ALREADY_SETTLED, link, error.get());
        }
        // the signing time is known to the second (the expiry's): a change within that second counts as before it
        if (this.moderation.statusChangedAfter(errorId, this.links.signedAt(link).plusSeconds(1))) {
            // open again since the mail: reported again after a fix, or reopened by an editor; the
            // mail's reader has not seen why, and the new reports would be settled unseen
            return new Check(Outcome.CHANGED_SINCE, link, error.get());
        }
        return new Check(Outcome.VALID, link, error.get());
    }

    /**
     * Takes the link's action if it is still valid; the link is used up in the same transaction.
     * @return the outcome: {@link Outcome#DONE} when the status changed
     */
    @Transactional
    Check act(long errorId, String actionSlug, long expires, String signature) {
        Check check = check(errorId, actionSlug, expires, signature);
        if (check.outcome() != Outcome.VALID) {
            return check;
        }
        if (!this.usedLinks.markUsed(check.link())) {
            return new Check(Outcome.USED, check.link(), check.error());
        }
        this.moderation.change(errorId, check.link().action().status(), ACTOR, Moderation.Via.DIGEST_LINK,
                null);
        this.usedLinks.purgeExpired();
        return new Check(Outcome.DONE, check.link(), this.queue.findById(errorId).orElse(check.error()));
    }

    /** What a link check found. */
    enum Outcome {
        VALID, DONE, TAMPERED, EXPIRED, USED, USED_AND_DONE, GONE, ALREADY_SETTLED, CHANGED_SINCE
    }

    /**
     * @param outcome what was found
     * @param link the link when its signature was authentic
     * @param error the error when it exists
     */
    record Check(Outcome outcome, ActionLink link, QueuedError error) {
    }

}
