package io.github.spellingreports.worker.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link Topics#REPORTS} into the queue, one database transaction per poll. Failures are left
 * to the container's error handler (see {@code KafkaConfiguration}): poison records to the
 * dead-letter topic, database outages retried.
 */
@Component
class ReportListener {

    /** Listener container id, for the endpoint registry (not the consumer group, which is configured). */
    static final String ID = "report-pipeline";

    private static final LogAccessor logAccessor = new LogAccessor(ReportListener.class);

    private final ReportStore store;

    private final Timer latency;

    private final Map<String, Counter> outcomes;

    ReportListener(ReportStore store, MeterRegistry registry) {
        this.store = store;
        this.latency = Timer.builder("spelling.worker.processing")
                .description("From the record's timestamp (published) to the report's database commit")
                // a few buckets for the dashboard's quantiles, not Micrometer's ~70 default ones
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30))
                .register(registry);
        this.outcomes = Map.of("new_error", outcomeCounter(registry, "new_error"), "merged",
                outcomeCounter(registry, "merged"), "redelivered", outcomeCounter(registry, "redelivered"));
    }

    private static Counter outcomeCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("spelling.worker.records").description("Records consumed, by what they did to the queue")
                .tag("outcome", outcome).register(registry);
    }

    // The whole poll is stored in one transaction: one commit (one fsync) instead of one per report.
    // Offsets are committed by the container (ack-mode batch) only after this method returned, that
    // is after that transaction committed; a crash in between redelivers the poll, which the store
    // recognises by report id. A failure is always a RecordNotStored (a BatchListenerFailedException) naming the first
    // record not stored: the error handler commits the offsets of the records before it, so those
    // must be stored (committed) by then, and retries or dead-letters that record alone.
    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.REPORTS, batch = "true")
    void onReports(List<ConsumerRecord<String, SpellingErrorReported>> records) {
        List<IncomingReport> reports = new ArrayList<>(records.size());
        RecordNotStored poison = null;
        for (int i = 0; i < records.size() && poison == null; i++) {
            try {
                reports.add(read(records.get(i)));
            }
            catch (InvalidReportException | DeserializationException ex) {
                poison = RecordNotStored.recordFailed("Poison record: " + ex.getMessage(), ex, i);
            }
        }
        // the valid records before a poison one: stored and committed before the handler commits their offsets
        storeInOneTransaction(records, reports);
        if (poison != null) {
            throw poison;
        }
    }

    private static IncomingReport read(ConsumerRecord<String, SpellingErrorReported> record) throws DeserializationException {
        if (record.value() == null) {
            DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
                    SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, logAccessor);
            if (unreadable != null) {
                throw unreadable;
            }
        }
        return IncomingReport.from(record.key(), record.value());
    }

    private void storeInOneTransaction(List<ConsumerRecord<String, SpellingErrorReported>> records,
            List<IncomingReport> reports) {
        if (reports.isEmpty()) {
            return;
        }
        List<ReportStore.Outcome> stored;
        try {
            stored = this.store.storeAll(reports);
        }
        catch (RuntimeException ex) {
            Throwable outage = outage(ex);
            if (outage != null) {
                // nothing of the poll was stored: retry it all, from its first record, as long as it takes
                throw RecordNotStored.databaseAway("Database unavailable, nothing of the poll stored: "
                        + outage.getMessage(), outage, 0);
            }
            storeOneByOne(records, reports, ex);
            return;
        }
        for (int i = 0; i < stored.size(); i++) {
            count(records.get(i), stored.get(i));
        }
    }

    /**
     * The poll's transaction failed, not for an outage: one of its reports may be at fault. Stores
     * them one transaction each up to the one that fails, which the error handler then retries
     * and, if it keeps failing, dead-letters; the reports before it are stored and committed.
     */
    private void storeOneByOne(List<ConsumerRecord<String, SpellingErrorReported>> records,
            List<IncomingReport> reports, RuntimeException batchFailure) {
        for (int i = 0; i < reports.size(); i++) {
            ReportStore.Outcome outcome;
            try {
                outcome = this.store.store(reports.get(i));
            }
            catch (RuntimeException ex) {
                Throwable outage = outage(ex);
                Throwable cause = (outage != null) ? outage : ex;
                cause.addSuppressed(batchFailure);
                String message = "Could not store report: " + cause.getMessage();
                throw (outage != null) ? RecordNotStored.databaseAway(message, cause, i)
                        : RecordNotStored.recordFailed(message, cause, i);
            }
            count(records.get(i), outcome);
        }
    }

    /**
     * @return the failure when it is a database outage, or {@code null}; it must be in the cause chain
     * of what the listener throws, for the error handler's outage back-off
     */
    private static Throwable outage(RuntimeException failure) {
        return DatabaseOutage.isCauseOf(failure) ? failure : null;
    }

    private void count(ConsumerRecord<String, SpellingErrorReported> record, ReportStore.Outcome outcome) {
        // committed by now: this is the latency an editor sees, publish to queue
        this.latency.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - record.timestamp())));
        this.outcomes.get(outcome.kind()).increment();
    }

}
