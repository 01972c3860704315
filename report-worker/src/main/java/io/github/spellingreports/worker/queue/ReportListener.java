package io.github.spellingreports.worker.queue;

import java.time.Duration;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Feeds {@link Topics#REPORTS} into the queue. Failures are left to the container's error handler
 * (see {@code KafkaConfiguration}): poison records to the dead-letter topic, database outages retried.
 */
@Component
class ReportListener {

    /** Listener container id, for the endpoint registry (not the consumer group, which is configured). */
    static final String ID = "report-pipeline";

    private final ReportStore store;

    private final MeterRegistry registry;

    private final Timer latency;

    ReportListener(ReportStore store, MeterRegistry registry) {
        this.store = store;
        this.registry = registry;
        this.latency = Timer.builder("spelling.worker.processing")
                .description("From the record's timestamp (published) to the report's database commit")
                // a few buckets for the dashboard's quantiles, not Micrometer's ~70 default ones
                .serviceLevelObjectives(Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
                        Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(30),
                        Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(30))
                .register(registry);
    }

    // Offsets are committed by the container (ack-mode batch) only after this method has returned
    // for every record of the poll, that is after each report's database transaction committed;
    // a crash in between redelivers records, which the store recognises by report id.
    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.REPORTS)
    void onReport(ConsumerRecord<String, SpellingErrorReported> record) {
        ReportStore.Outcome outcome = this.store.store(IncomingReport.from(record.key(), record.value()));
        // store() has committed by now: this is the latency an editor sees, publish to queue
        this.latency.record(Duration.ofMillis(Math.max(0, System.currentTimeMillis() - record.timestamp())));
        String result = !outcome.stored() ? "redelivered" : (outcome.reportCount() > 1) ? "merged" : "new_error";
        Counter.builder("spelling.worker.records").description("Records consumed, by what they did to the queue")
                .tag("outcome", result).register(this.registry).increment();
    }

}
