package io.github.spellingreports.worker.digest;

import java.time.Instant;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Builds a digest and sends it at once; a digest SMTP does not accept stays PENDING for the
 * resend poll.
 */
@Service
class DigestService {

    private final DigestBuilder builder;

    private final DigestSender sender;

    private final DigestRepository repository;

    DigestService(DigestBuilder builder, DigestSender sender, DigestRepository repository) {
        this.builder = builder;
        this.sender = sender;
        this.repository = repository;
    }

    /**
     * @param slot the scheduled fire time, {@code null} for a manual digest
     * @return the digest as recorded after the send attempt; empty when nothing new was reported
     *         or another worker already built this slot
     */
    Optional<DigestSummary> buildAndSend(Instant slot) {
        return this.builder.build(slot).flatMap((digest) -> {
            this.sender.send(digest);
            return this.repository.summary(digest.id());
        });
    }

    Optional<DigestSummary> find(long id) {
        return this.repository.summary(id);
    }

}
