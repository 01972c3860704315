package io.github.spellingreports.worker.digest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds and records a digest of every error that appeared or got new reports since the
 * previous digest, in one transaction.
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
     * @param slot the scheduled fire time this digest is for, {@code null} for a manual one
     * @return the recorded digest, claimed by the caller for sending; empty when there was nothing
     *         new (and empty digests are not sent) or another worker already built this slot
     * @throws NoRecipientsException when no recipient is configured
     */
    Optional<ClaimedDigest> build(Instant slot) {
        if (this.properties.recipients().isEmpty()) {
            throw new NoRecipientsException();
        }
        try {
            return this.transaction.execute((status) -> buildLocked(slot));
        }
        catch (DuplicateKeyException ex) {
            // the slot's unique constraint: another worker got there first (the advisory lock makes this rare)
            log.debug("Digest for slot {} already built by another worker", slot);
            return Optional.empty();
        }
    }

    private Optional<ClaimedDigest> buildLocked(Instant slot) {
        this.repository.lockBuilds();
        if (slot != null && this.repository.slotTaken(slot)) {
            log.debug("Digest for slot {} already built by another run", slot);
            return Optional.empty();
        }
        List<DigestRepository.Candidate> candidates = this.repository.lockCandidates();
        if (candidates.isEmpty() && !this.properties.sendWhenEmpty()) {
            log.info("Digest not built: no new reports since the previous digest ({})",
                    (slot != null) ? "scheduled for " + slot : "manual");
            return Optional.empty();
        }
        List<Long> errorIds = candidates.stream().map(DigestRepository.Candidate::id).toList();
        Map<Long, List<String>> comments = candidates.isEmpty() ? Map.of() : this.repository.comments(errorIds);
        List<DigestEntry> entries = candidates.stream()
                .map((error) -> DigestEntry.of(error.id(), error.pageUrl(), error.pageTitle(), error.contextBefore(),
                        error.selection(), error.contextAfter(), error.reportCount(),
                        error.reportCount() - error.digestedReportCount(), comments.getOrDefault(error.id(), List.of())))
                .toList();
        DigestContent content = DigestContent.of(entries);
        DigestRenderer.RenderedDigest rendered = this.renderer.render(content, (slot != null) ? slot : Instant.now());
        long id = this.repository.insertClaimed(slot, rendered.subject(), this.properties.from(),
                this.properties.recipients(), rendered.html(), rendered.text(), content.errorCount(),
                content.newReportCount(), this.properties.claimTimeout());
        this.repository.insertItems(id, entries);
        if (!errorIds.isEmpty()) {
            this.repository.markDigested(errorIds);
        }
        log.info("Digest {} built: {} errors on {} pages, {} new reports ({})", id, content.errorCount(),
                content.pages().size(), content.newReportCount(), (slot != null) ? "scheduled for " + slot : "manual");
        return Optional.of(new ClaimedDigest(id, rendered.subject(), this.properties.from(),
                String.join(", ", this.properties.recipients()), rendered.html(), rendered.text(), 1,
                content.errorCount(), content.newReportCount()));
    }

}
