package io.github.spellingreports.worker.alerts;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

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
     * @param errorId an error that just got a report
     * @param at receipt time of that report: the window ends there
     * @return the new alert's id when the error just became hot, empty otherwise
     */
    OptionalLong check(long errorId, Instant at) {
        return this.transaction.execute((status) -> checkInTransaction(errorId, at));
    }

    private OptionalLong checkInTransaction(long errorId, Instant at) {
        int reports = this.repository.reportsInWindow(errorId, at, this.properties.hotWindow());
        if (reports < this.properties.hotThreshold()) {
            return OptionalLong.empty();
        }
        return this.repository.claim(errorId).map((error) -> OptionalLong.of(record(error, reports)))
                .orElseGet(OptionalLong::empty);
    }

    /** @return ids of errors that are hot but were not alerted (a lost event, a full queue), as just alerted */
    List<Long> sweep() {
        return this.repository.unalertedRecent(this.properties.hotWindow(), this.properties.hotThreshold()).stream()
                .map((candidate) -> check(candidate.errorId(), candidate.lastReportedAt()))
                .filter(OptionalLong::isPresent).map(OptionalLong::getAsLong).toList();
    }

    private long record(HotAlertRepository.HotError error, int reports) {
        String desk = this.digest.deskOf(error.pageUrl(), error.lang());
        List<String> recipients = this.digest.recipientsOf(desk);
        AlertRenderer.RenderedAlert alert = this.renderer.render(error, desk, reports, this.properties.hotWindow());
        String mailStatus = recipients.isEmpty() ? "SKIPPED" : "PENDING";
        String webhookStatus = (this.properties.webhookUrl() != null) ? "PENDING" : "NONE";
        long id = this.repository.insert(error, desk, reports, mailStatus, String.join(", ", recipients),
                this.digest.from(), alert, webhookStatus);
        if (recipients.isEmpty()) {
            log.warn("Hot-typo alert {} for error {} not mailed: desk {} has no recipients", id, error.id(), desk);
        }
        log.info("Error {} is hot: {} reports in {}; alert {} for desk {}", error.id(), reports,
                this.properties.hotWindow(), id, desk);
        return id;
    }

}
