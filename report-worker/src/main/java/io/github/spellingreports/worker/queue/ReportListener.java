package io.github.spellingreports.worker.queue;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
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

    ReportListener(ReportStore store) {
        this.store = store;
    }

    // Offsets are committed by the container (ack-mode batch) only after this method has returned
    // for every record of the poll, that is after each report's database transaction committed;
    // a crash in between redelivers records, which the store recognises by report id.
    @KafkaListener(id = ID, idIsGroup = false, topics = Topics.REPORTS)
    void onReport(ConsumerRecord<String, SpellingErrorReported> record) {
        this.store.store(IncomingReport.from(record.key(), record.value()));
    }

}
