package io.github.spellingreports.worker.digest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;

/**
 * Runs the pre-step (page check), builds a digest per desk and sends each at once, unless another worker took it
 * over meanwhile (its claim ran out while the ones before it were sent); a digest SMTP does not accept stays PENDING
 * for the resend poll. Of several workers whose cron fires for one slot, one runs it.
 */
@Service
public class DigestService {

    private static final Logger log = LoggerFactory.getLogger(DigestService.class);

    private final DigestBuilder builder;

    private final DigestSender sender;

    private final DigestRepository repository;

    private final DigestPreStep preStep;

    DigestService(DigestBuilder builder, DigestSender sender, DigestRepository repository, DigestPreStep preStep) {
        this.builder = builder;
        this.sender = sender;
        this.repository = repository;
        this.preStep = preStep;
    }

    /**
     * @param slot the scheduled fire time, {@code null} for a manual digest
     * @return the digests (one per desk with something new, default desk first) as recorded after their send
     *         attempts; empty when nothing new was reported or another worker already built this slot
     */
    public List<DigestSummary> buildAndSendAll(Instant slot) {
        // before the page check, which changes errors: a digest without recipients is refused first
        this.builder.requireRecipients();
        if (slot == null) {
            return run(null);
        }
        // Several workers' crons fire for one slot: one runs it, page check included, and the others,
        // once it is done, find the slot taken. Each had checked every page and marked errors fixed
        // before the slot's digest was taken, each counting only its own in the digest's
        // "corrected on the page" line.
        return this.repository.whileNoOtherRun(() -> {
            if (this.repository.slotTaken(slot)) {
                log.debug("Digest for slot {} already run by another worker", slot);
                return List.of();
            }
            return run(slot);
        });
    }

    private List<DigestSummary> run(Instant slot) {
        List<DigestSummary> summaries = new ArrayList<>();
        // outside the build's transaction: the page check fetches pages, which must not hold the candidates' locks
        Map<String, Integer> settled = this.preStep.run(this.builder.listedInFull());
        for (ClaimedDigest digest : this.builder.build(slot, settled)) {
            this.sender.sendBuilt(digest);
            this.repository.summary(digest.id()).ifPresent(summaries::add);
        }
        return summaries;
    }

    /**
     * The digest of a scheduled time at which no worker ran (all were down, or being upgraded),
     * built now, unless a run for that time was recorded meanwhile (by another worker catching up,
     * or one that did run then, with or without a digest), or the time came before the database was
     * set up (a new installation missed nothing: its first digest comes at the next scheduled time).
     * @param slot the scheduled time, as the scheduled run would have named it
     * @return as for {@link #buildAndSendAll(Instant)}; empty when that time had its run
     */
    List<DigestSummary> catchUp(Instant slot) {
        Optional<Instant> installed = this.repository.installedAt();
        if (installed.isPresent() && installed.get().isAfter(slot)) {
            log.debug("Digest scheduled for {} came before this database was set up ({}): nothing to catch up", slot,
                    installed.get());
            return List.of();
        }
        if (this.repository.slotTaken(slot)) {
            log.debug("Digest scheduled for {} was built then: nothing to catch up", slot);
            return List.of();
        }
        log.info("No worker ran the digest scheduled for {}: building it now", slot);
        return buildAndSendAll(slot);
    }

    /**
     * Builds and sends every desk's digest.
     * @param slot the scheduled fire time, {@code null} for a manual digest
     * @return the first of them (see {@link #buildAndSendAll(Instant)})
     */
    Optional<DigestSummary> buildAndSend(Instant slot) {
        return buildAndSendAll(slot).stream().findFirst();
    }

    Optional<DigestSummary> find(long id) {
        return this.repository.summary(id);
    }

}
