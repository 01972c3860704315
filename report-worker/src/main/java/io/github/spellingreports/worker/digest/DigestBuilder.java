package io.github.spellingreports.worker.digest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.events.Canonical;
import io.github.spellingreports.worker.queue.LatestComments;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds and records a digest of every error that appeared or got new reports since the
 * previous digest, in one transaction: one digest per desk ({@code spelling.digest.routes}) that
 * has errors, each with only its errors.
 * <p>
 * A digest lists its most reported errors in full ({@code spelling.digest.max-errors-in-full}) and
 * summarises the rest per page, so its size does not grow with a backlog. Summarised errors count as
 * digested like the others: the mail announced their reports (as counts, with a link to the queue),
 * the archive records them, and the next digest shows them only if they get new reports. Only errors
 * in full carry one-click links.
 * <p>
 * The candidates are locked ({@code FOR UPDATE}) and their {@code digested_report_count} moved
 * up to {@code report_count} in the same transaction that records the digest, so a report
 * stored concurrently lands in this digest or the next one, never in none or both. An advisory
 * lock serialises builds (manual and scheduled, on any worker), and a scheduled build first
 * checks that no worker recorded a digest for its slot yet.
 */
@Component
class DigestBuilder {

    private static final Logger log = LoggerFactory.getLogger(DigestBuilder.class);

    /** Other selections of one mistake named in the digest; the console lists them all. */
    static final int MAX_OTHER_SELECTIONS = 3;

    private final DigestRepository repository;

    private final TransactionTemplate transaction;

    private final DigestRenderer renderer;

    private final DigestProperties properties;

    private final DigestSizeProperties size;

    DigestBuilder(DigestRepository repository, PlatformTransactionManager transactionManager, DigestRenderer renderer,
            DigestProperties properties, DigestSizeProperties size) {
        this.repository = repository;
        this.transaction = new TransactionTemplate(transactionManager);
        this.renderer = renderer;
        this.properties = properties;
        this.size = size;
    }

    /**
     * @param slot the scheduled fire time these digests are for, {@code null} for manual ones
     * @return the recorded digests, one per desk with something new (the default desk first), claimed by
     *         the caller for sending; empty when there was nothing new (and empty digests are not sent) or
     *         another worker already built this slot
     * @throws NoRecipientsException when no recipient is configured
     */
    List<ClaimedDigest> build(Instant slot) {
        return build(slot, Map.of());
    }

    /**
     * @param slot as for {@link #build(Instant)}
     * @param settled per desk, errors the pre-step settled (shown as a count at the end of that desk's digest)
     * @return as for {@link #build(Instant)}
     */
    List<ClaimedDigest> build(Instant slot, Map<String, Integer> settled) {
        requireRecipients();
        try {
            return this.transaction.execute((status) -> buildLocked(slot, settled));
        }
        catch (DuplicateKeyException ex) {
            // the slot's unique constraint: another worker got there first (the advisory lock makes this rare)
            log.debug("Digest for slot {} already built by another worker", slot);
            return List.of();
        }
    }

    /** @throws NoRecipientsException when no recipient is configured */
    void requireRecipients() {
        if (this.properties.recipients().isEmpty()) {
            throw new NoRecipientsException();
        }
    }

    private List<ClaimedDigest> buildLocked(Instant slot, Map<String, Integer> settled) {
        this.repository.lockBuilds();
        if (slot != null && this.repository.slotTaken(slot)) {
            log.debug("Digest for slot {} already built by another run", slot);
            return List.of();
        }
        if (slot != null) {
            // in this transaction: the run counts only if its digests are recorded too
            this.repository.recordSlotRun(slot);
        }
        List<DigestRepository.Candidate> candidates = this.repository.lockCandidates();
        if (candidates.isEmpty() && !this.properties.sendWhenEmpty()) {
            log.info("Digest not built: no new reports since the previous digest ({})",
                    (slot != null) ? "scheduled for " + slot : "manual");
            return List.of();
        }
        Map<String, List<DigestRepository.Candidate>> byDesk = byDesk(candidates);
        List<Long> inFull = byDesk.values().stream().flatMap((errors) -> inFull(errors).stream())
                .map(DigestRepository.Candidate::id).toList();
        Map<Long, LatestComments> comments = inFull.isEmpty() ? Map.of()
                : this.repository.comments(inFull, this.size.maxCommentsPerError());
        Map<Long, List<DigestEntry.OtherSelection>> otherSelections = inFull.isEmpty() ? Map.of()
                : this.repository.otherSelections(inFull, MAX_OTHER_SELECTIONS);
        List<ClaimedDigest> digests = new ArrayList<>();
        byDesk.forEach((desk, errors) -> {
            if (!errors.isEmpty() || this.properties.sendWhenEmpty()) {
                digests.add(record(slot, desk, errors, comments, otherSelections, settled.getOrDefault(desk, 0)));
            }
        });
        if (!candidates.isEmpty()) {
            // summarised errors too: the digest reported them (as counts), so the next one says only what is new
            this.repository.markDigested(candidates.stream().map(DigestRepository.Candidate::id).toList());
        }
        return digests;
    }

    /**
     * For the pre-step, outside the build's transaction: what digests built now would list in full.
     * @return the ids of those errors
     */
    List<Long> listedInFull() {
        return byDesk(this.repository.candidates()).values().stream().flatMap((errors) -> inFull(errors).stream())
                .map(DigestRepository.Candidate::id).toList();
    }

    /** @return per desk (every desk, the default one first) its errors, most reported first */
    private Map<String, List<DigestRepository.Candidate>> byDesk(List<DigestRepository.Candidate> candidates) {
        Map<String, List<DigestRepository.Candidate>> byDesk = new LinkedHashMap<>();
        this.properties.desks().forEach((desk) -> byDesk.put(desk, new ArrayList<>()));
        for (DigestRepository.Candidate error : candidates) {
            byDesk.get(this.properties.deskOf(error.pageUrl(), error.lang())).add(error);
        }
        byDesk.values().forEach((errors) -> errors.sort(DigestRepository.Candidate.MOST_REPORTED_FIRST));
        return byDesk;
    }

    private List<DigestRepository.Candidate> inFull(List<DigestRepository.Candidate> mostReportedFirst) {
        return mostReportedFirst.subList(0, Math.min(this.size.maxErrorsInFull(), mostReportedFirst.size()));
    }

    private static DigestEntry entry(DigestRepository.Candidate error, Map<Long, LatestComments> comments,
            Map<Long, List<DigestEntry.OtherSelection>> otherSelections) {
        LatestComments shown = comments.getOrDefault(error.id(), LatestComments.NONE);
        return DigestEntry.of(error.id(), error.pageUrl(), error.pageTitle(), error.contextBefore(), error.selection(),
                error.contextAfter(), error.reportCount(), error.newReports(),
                // one line each in the mail
                shown.shown().stream().map((comment) -> Canonical.text(comment).strip()).toList(), shown.more(),
                error.reportedAgainAfterFix(), otherSelections.getOrDefault(error.id(), List.of()));
    }

    /**
     * @param errors the desk's errors, most reported first: the first ones are listed in full, the rest summarised
     */
    private ClaimedDigest record(Instant slot, String desk, List<DigestRepository.Candidate> errors,
            Map<Long, LatestComments> comments, Map<Long, List<DigestEntry.OtherSelection>> otherSelections,
            int correctedOnPage) {
        List<DigestRepository.Candidate> inFull = inFull(errors);
        DigestRest rest = DigestRest.of(errors.subList(inFull.size(), errors.size()), this.size.summaryPages());
        int pageCount = (int) errors.stream().map(DigestRepository.Candidate::pageUrl).distinct().count();
        DigestContent content = DigestContent.of(inFull.stream().map((error) -> entry(error, comments, otherSelections)).toList(), rest,
                pageCount);
        // dated when built, not by its slot: a digest made up for a time no worker ran at (see
        // DigestService.catchUp) lists what came until now, and an editor reads the date as today's
        DigestRenderer.RenderedDigest rendered = this.renderer.render(content, Instant.now(), desk, correctedOnPage);
        List<String> recipients = this.properties.recipientsOf(desk);
        long id = this.repository.insertClaimed(slot, desk, rendered.subject(), this.properties.from(), recipients,
                rendered.html(), rendered.text(), content.errorCount(), content.newReportCount(),
                this.properties.claimTimeout());
        this.repository.insertItems(id, errors);
        log.info("Digest {} built for desk {}: {} errors on {} pages ({} in full), {} new reports ({})", id, desk,
                content.errorCount(), content.pageCount(), inFull.size(), content.newReportCount(),
                (slot != null) ? "scheduled for " + slot : "manual");
        return new ClaimedDigest(id, rendered.subject(), this.properties.from(), String.join(", ", recipients),
                rendered.html(), rendered.text(), 1, content.errorCount(), content.newReportCount());
    }

}
