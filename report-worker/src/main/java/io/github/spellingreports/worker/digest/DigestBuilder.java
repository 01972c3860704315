package io.github.spellingreports.worker.digest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * The candidates are locked ({@code FOR UPDATE}) and their {@code digested_report_count} moved
 * up to {@code report_count} in the same transaction that records the digest, so a report
 * stored concurrently lands in this digest or the next one, never in none or both. An advisory
 * lock serialises builds (manual and scheduled, on any worker), and a scheduled build first
 * checks that no worker recorded a digest for its slot yet.
 */
@Component
class DigestBuilder {

    private static final Logger log = LoggerFactory.getLogger(DigestBuilder.class);

    private final DigestRepository repository;

    private final TransactionTemplate transaction;

    private final DigestRenderer renderer;

    private final DigestProperties properties;

    DigestBuilder(DigestRepository repository, PlatformTransactionManager transactionManager, DigestRenderer renderer,
            DigestProperties properties) {
        this.repository = repository;
        this.transaction = new TransactionTemplate(transactionManager);
        this.renderer = renderer;
        this.properties = properties;
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
        if (this.properties.recipients().isEmpty()) {
            throw new NoRecipientsException();
        }
        try {
            return this.transaction.execute((status) -> buildLocked(slot, settled));
        }
        catch (DuplicateKeyException ex) {
            // the slot's unique constraint: another worker got there first (the advisory lock makes this rare)
            log.debug("Digest for slot {} already built by another worker", slot);
            return List.of();
        }
    }

    private List<ClaimedDigest> buildLocked(Instant slot, Map<String, Integer> settled) {
        this.repository.lockBuilds();
        if (slot != null && this.repository.slotTaken(slot)) {
            log.debug("Digest for slot {} already built by another run", slot);
            return List.of();
        }
        List<DigestRepository.Candidate> candidates = this.repository.lockCandidates();
        if (candidates.isEmpty() && !this.properties.sendWhenEmpty()) {
            log.info("Digest not built: no new reports since the previous digest ({})",
                    (slot != null) ? "scheduled for " + slot : "manual");
            return List.of();
        }
        List<Long> errorIds = candidates.stream().map(DigestRepository.Candidate::id).toList();
        Map<Long, List<String>> comments = candidates.isEmpty() ? Map.of() : this.repository.comments(errorIds);
        Map<String, List<DigestEntry>> byDesk = new LinkedHashMap<>();
        this.properties.desks().forEach((desk) -> byDesk.put(desk, new ArrayList<>()));
        for (DigestRepository.Candidate error : candidates) {
            byDesk.get(this.properties.deskOf(error.pageUrl(), error.lang())).add(entry(error, comments));
        }
        List<ClaimedDigest> digests = new ArrayList<>();
        byDesk.forEach((desk, entries) -> {
            if (!entries.isEmpty() || this.properties.sendWhenEmpty()) {
                digests.add(record(slot, desk, entries, settled.getOrDefault(desk, 0)));
            }
        });
        if (!errorIds.isEmpty()) {
            this.repository.markDigested(errorIds);
        }
        return digests;
    }

    private static DigestEntry entry(DigestRepository.Candidate error, Map<Long, List<String>> comments) {
        return DigestEntry.of(error.id(), error.pageUrl(), error.pageTitle(), error.contextBefore(), error.selection(),
                error.contextAfter(), error.reportCount(), error.reportCount() - error.digestedReportCount(),
                comments.getOrDefault(error.id(), List.of()), error.reportedAgainAfterFix());
    }

    private ClaimedDigest record(Instant slot, String desk, List<DigestEntry> entries, int correctedOnPage) {
        DigestContent content = DigestContent.of(entries);
        DigestRenderer.RenderedDigest rendered = this.renderer.render(content, (slot != null) ? slot : Instant.now(), desk,
                correctedOnPage);
        List<String> recipients = this.properties.recipientsOf(desk);
        long id = this.repository.insertClaimed(slot, desk, rendered.subject(), this.properties.from(), recipients,
                rendered.html(), rendered.text(), content.errorCount(), content.newReportCount(),
                this.properties.claimTimeout());
        this.repository.insertItems(id, entries);
        log.info("Digest {} built for desk {}: {} errors on {} pages, {} new reports ({})", id, desk,
                content.errorCount(), content.pages().size(), content.newReportCount(),
                (slot != null) ? "scheduled for " + slot : "manual");
        return new ClaimedDigest(id, rendered.subject(), this.properties.from(), String.join(", ", recipients),
                rendered.html(), rendered.text(), 1, content.errorCount(), content.newReportCount());
    }

}
