package io.github.spellingreports.worker.alerts;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.worker.digest.DigestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides whether an error is hot and records its one alert: the window count, the conditional
 * claim on the error and the {@code hot_alert} row commit together, so an alert is neither lost
 * nor recorded twice; sending happens afterwards ({@link AlertDelivery}).
 */
@Service
class HotAlerts {

    private static final Logger log = LoggerFactory.getLogger(HotAlerts.class);

    /** Errors one sweep checks at most; the next sweep takes the rest. */
    private static final int SWEEP_LIMIT = 1000;

    /** Readers' comments quoted in an alert: an alert stays short; the console has them all. */
    private static final int MAX_COMMENTS = 3;

    private final HotAlertRepository repository;

    private final AlertRenderer renderer;

    private final AlertProperties properties;

    private final DigestProperties digest;

    private final TransactionTemplate transaction;

    HotAlerts(HotAlertRepository repository, AlertRenderer renderer, AlertProperties properties, DigestProperties digest,
            PlatformTransactionManager transactionManager) {
        this.repository = repository;
        this.transaction = new TransactionTemplate(transactionManager);
        this.renderer = renderer;
        this.properties = properties;
        this.digest = digest;
    }

    /**
     * Checks errors that just got reports, all in one transaction with a fixed number of statements
     * besides one insert per new alert.
     * @param candidates the errors, each with the receipt time of its latest report
     * @return the ids of the new alerts, of the errors that just became hot
     */
    List<Long> check(Collection<HotAlertRepository.Candidate> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        return this.transaction.execute((status) -> checkInTransaction(candidates));
    }

    private List<Long> checkInTransaction(Collection<HotAlertRepository.Candidate> candidates) {
        Map<Long, Integer> counts = this.repository.reportsInWindows(candidates, this.properties.hotWindow());
        List<Long> hot = counts.entrySet().stream().filter((count) -> count.getValue() >= this.properties.hotThreshold())
                .map(Map.Entry::getKey).toList();
        if (hot.isEmpty()) {
            return List.of();
        }
        List<HotAlertRepository.HotError> claimed = this.repository.claim(hot);
        if (!claimed.isEmpty() && !this.properties.mailInterval().isZero()) {
            // a desk's next slot is read from the alerts committed before: another check of the desk's
            // errors at the same time (the other alert thread, another worker) waits for this one's to commit
            this.repository.lockSlots(claimed.stream().map((error) -> this.digest.deskOf(error.pageUrl(), error.lang()))
                    .toList());
        }
        return claimed.stream().map((error) -> record(error, counts.get(error.id()))).toList();
    }

    /** @return ids of alerts for errors that are hot but were not alerted (a lost event, a full queue) */
    List<Long> sweep() {
        return check(this.repository.unalertedRecent(this.properties.hotWindow(), this.properties.hotThreshold(),
                SWEEP_LIMIT));
    }

    private long record(HotAlertRepository.HotError error, int reports) {
        String desk = this.digest.deskOf(error.pageUrl(), error.lang());
        List<String> recipients = this.digest.recipientsOf(desk);
        AlertRenderer.RenderedAlert alert = this.renderer.render(error, desk, reports, this.properties.hotWindow(),
                this.repository.latestComments(error.id(), MAX_COMMENTS));
        String mailStatus = recipients.isEmpty() ? "SKIPPED" : "PENDING";
        String webhookStatus = (this.properties.webhookUrl() != null) ? "PENDING" : "NONE";
        long id = this.repository.insert(error, desk, reports, mailStatus, String.join(", ", recipients),
                this.digest.from(), alert, webhookStatus, this.properties.mailInterval());
        if (recipients.isEmpty()) {
            log.warn("Hot-typo alert {} for error {} not mailed: desk {} has no recipients", id, error.id(), desk);
        }
        log.info("Error {} is hot: {} reports in {}; alert {} for desk {}", error.id(), reports,
                this.properties.hotWindow(), id, desk);
        return id;
    }

}
