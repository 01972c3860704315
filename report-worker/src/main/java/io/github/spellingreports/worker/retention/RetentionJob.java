package io.github.spellingreports.worker.retention;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deletes what the worker may no longer keep ({@link RetentionProperties}): long-resolved errors
 * with their reports, old reports, old client hashes, expired one-click link records and the text of
 * old archived mails.
 * <p>
 * Each batch is one short transaction, so the job never holds many row locks, nor one long
 * transaction, against the consumer. Each batch first takes a transaction-scoped advisory lock:
 * when another worker purges, this run stops instead of racing it (the other one finishes the job).
 */
@Service
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);

    private final RetentionRepository repository;

    private final RetentionProperties properties;

    private final TransactionTemplate transactions;

    RetentionJob(RetentionRepository repository, RetentionProperties properties, TransactionTemplate transactions) {
        this.repository = repository;
        this.properties = properties;
        this.transactions = transactions;
    }

    /**
     * Purges everything due, batch by batch, until nothing is left or another worker holds the lock.
     * @return what was deleted
     */
    public RetentionResult purge() {
        int batch = this.properties.batchSize();
        AtomicInteger errors = new AtomicInteger();
        AtomicInteger errorReports = new AtomicInteger();
        AtomicInteger reports = new AtomicInteger();
        AtomicInteger hashes = new AtomicInteger();
        AtomicInteger links = new AtomicInteger();
        AtomicInteger mails = new AtomicInteger();
        boolean complete = loop(errors, () -> {
            RetentionRepository.Counts counts = this.repository.deleteResolvedErrors(this.properties.resolvedErrors(),
                    this.properties.reports(), batch);
            errorReports.addAndGet(counts.dependents());
            return counts.rows();
        }) && loop(reports, () -> this.repository.deleteReports(this.properties.reports(), batch))
                && loop(hashes, () -> this.repository.clearClientHashes(this.properties.clientHashes(), batch))
                && loop(links, () -> this.repository.deleteExpiredLinks(batch))
                && loop(mails, () -> this.repository.clearDigestMails(this.properties.mails(), batch))
                && loop(mails, () -> this.repository.clearAlertMails(this.properties.mails(), batch));
        RetentionResult result = new RetentionResult(complete, errors.get(), errorReports.get(), reports.get(), hashes.get(),
                links.get(), mails.get());
        log.info("Retention {}: deleted {} errors resolved over {} ago (with {} reports) and {} reports older than {}, "
                + "cleared {} client hashes older than {}, deleted {} expired link records, removed the text of {} mails older than {}",
                complete ? "done" : "stopped, another worker is purging", result.resolvedErrors(),
                readable(this.properties.resolvedErrors()), result.resolvedErrorReports(), result.reports(),
                readable(this.properties.reports()), result.clientHashes(), readable(this.properties.clientHashes()),
                result.expiredLinks(), result.mails(), readable(this.properties.mails()));
        return result;
    }

    /** @return {@code 90d} rather than {@code PT2160H} */
    static String readable(Duration duration) {
        return (duration.toHoursPart() == 0 && duration.toSecondsPart() == 0 && duration.toMinutesPart() == 0
                && duration.toNanosPart() == 0) ? duration.toDays() + "d" : duration.toString();
    }

    /**
     * Runs one batch per transaction until a batch comes back short.
     * @return {@code false} when another worker held the lock
     */
    private boolean loop(AtomicInteger total, IntSupplier step) {
        while (true) {
            Integer affected = this.transactions.execute((tx) -> this.repository.tryLock() ? step.getAsInt() : null);
            if (affected == null) {
                return false;
            }
            total.addAndGet(affected);
            if (affected < this.properties.batchSize()) {
                return true;
            }
        }
    }

}
