package io.github.spellingreports.intake.report;

import java.util.List;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import org.apache.kafka.common.PartitionInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Makes the producer and fetches the reports topic's metadata before the intake reports itself
 * ready (runners run before readiness turns to accepting traffic, and before the standalone's banner).
 * Otherwise the first report does it: its {@code send()} makes the producer, logs in and waits for
 * the metadata, and every report that comes meanwhile waits behind it in {@code send()}; beyond
 * {@code spelling.intake.publish-concurrency} of them they were answered 503. A broker that does
 * not answer does not stop the start (within {@code max.block.ms}): reports are answered 503 until it does.
 */
@Component
class ProducerWarmUp implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ProducerWarmUp.class);

    private final KafkaTemplate<String, SpellingErrorReported> kafka;

    ProducerWarmUp(KafkaTemplate<String, SpellingErrorReported> kafka) {
        this.kafka = kafka;
    }

    @Override
    public void run(ApplicationArguments args) {
        long started = System.nanoTime();
        try {
            List<PartitionInfo> partitions = this.kafka.partitionsFor(Topics.REPORTS);
            log.info("Kafka producer ready: {} partitions of {} known after {} ms", partitions.size(), Topics.REPORTS,
                    (System.nanoTime() - started) / 1_000_000);
        }
        catch (RuntimeException ex) {
            log.warn("Kafka did not give the metadata of {} at start-up ({}): reports are answered 503 until it does",
                    Topics.REPORTS, ex.toString());
        }
    }

}
