package io.github.spellingreports.worker.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import io.github.spellingreports.events.Topics;
import io.github.spellingreports.worker.deadletter.DeadLetterReader.Extent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.ErrorResponseException;

/**
 * Lists, replays and discards dead letters. A replay re-publishes the original value bytes with
 * their key to {@link Topics#REPORTS}; the action is recorded in the same database transaction
 * that waits for Kafka's acknowledgement, so a failed send records nothing, and two operators
 * cannot both replay one record. Public for the console's dead-letter page. An acknowledgement
 * that comes too late, or a commit that fails after it (or the worker dying between them), leaves
 * a replayed letter unhandled, and it may be replayed twice, which the queue absorbs: it ignores a
 * known report id.
 */
public class DeadLetterService {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterService.class);

    /** Header on a replayed record: where it came from, for whoever reads the topic later. */
    static final String REPLAYED_FROM_HEADER = "spelling_replayed_from";

    private final DeadLetterReader reader;

    private final DeadLetterLedger ledger;

    private final KafkaOperations<String, Object> kafka;

    private final TransactionTemplate transactions;

    private final DeadLetterProperties properties;

    private final Counter replayed;

    private final Counter discarded;

    DeadLetterService(DeadLetterReader reader, DeadLetterLedger ledger, KafkaOperations<String, Object> kafka,
            TransactionTemplate transactions, DeadLetterProperties properties, MeterRegistry registry) {
        this.reader = reader;
        this.ledger = ledger;
        this.kafka = kafka;
        this.transactions = transactions;
        this.properties = properties;
        // registered now, at zero: a counter that first appears at 1 loses that first increase
        this.replayed = actionCounter(registry, "replayed");
        this.discarded = actionCounter(registry, "discarded");
    }

    private static Counter actionCounter(MeterRegistry registry, String action) {
        return Counter.builder("spelling.dlt.actions").description("Dead letters handled by an operator, by action")
                .tag("action", action).register(registry);
    }

    /**
     * The newest unhandled dead letters of each partition, up to max-per-partition: read backwards
     * from the end in chunks, past the handled ones, so older unhandled ones are listed once the
     * newer ones are handled.
     * @param includeHandled whether the replayed and discarded ones among each partition's newest
     * max-per-partition records are listed too
     * @return the letters by partition and offset, and how many older unhandled ones are not listed
     */
    public Listing list(boolean includeHandled) {
        UnhandledLetters unhandled = new UnhandledLetters(this.ledger.actions(Topics.DEAD_LETTERS));
        int maxPayload = (int) Math.min(Integer.MAX_VALUE, this.properties.maxPayload().toBytes());
        return this.reader.read((session) -> {
            List<DeadLetter> letters = new ArrayList<>();
            long notListed = 0;
            for (Extent extent : session.extents()) {
                notListed += unhandled.newest(session, extent, this.properties.maxPerPartition(), includeHandled,
                        (record) -> DeadLetterRecords.view(record, maxPayload), letters);
            }
            return new Listing(letters, notListed);
        });
    }

    /**
     * @return where the replayed record landed in the reports topic
     * @throws ErrorResponseException 404 when no such dead letter, 409 when already handled, 503 when Kafka refused
     */
    public Replayed replay(int partition, long offset, String actedBy) {
        return replay(this.reader.find(partition, offset)
                .orElseThrow(() -> DeadLetterProblems.notFound(partition, offset)), actedBy);
    }

    private Replayed replay(ConsumerRecord<byte[], byte[]> letter, String actedBy) {
        int partition = letter.partition();
        long offset = letter.offset();
        AtomicReference<RecordMetadata> acknowledged = new AtomicReference<>();
        RecordMetadata sent;
        try {
            sent = this.transactions.execute((status) -> {
                if (!this.ledger.record(Topics.DEAD_LETTERS, partition, offset, DeadLetterLedger.REPLAYED, actedBy)) {
                    throw DeadLetterProblems.alreadyHandled(partition, offset);
                }
                acknowledged.set(send(letter));
                return acknowledged.get();
            });
        }
        catch (RuntimeException ex) {
            // after Kafka's acknowledgement only the commit can fail
            throw (acknowledged.get() != null) ? DeadLetterProblems.replayNotRecorded(partition, offset, ex) : ex;
        }
        this.replayed.increment();
        log.info("Replayed dead letter partition={} offset={} key={} to={}-{}@{} by={}", partition, offset,
                DeadLetterRecords.text(letter.key()), sent.topic(), sent.partition(), sent.offset(), actedBy);
        return new Replayed(partition, offset, sent.partition(), sent.offset());
    }

    /**
     * Replays every unhandled dead letter of the topic, oldest first, reading each partition in
     * chunks up to the end it had when this began (a letter that fails again comes back after it,
     * for the operator); one that fails does not stop the others.
     */
    public ReplayedAll replayAll(String actedBy) {
        UnhandledLetters unhandled = new UnhandledLetters(this.ledger.actions(Topics.DEAD_LETTERS));
        List<Replayed> replayed = new ArrayList<>();
        List<Coordinates> failed = new ArrayList<>();
        this.reader.read((session) -> {
            for (Extent extent : session.extents()) {
                long from = unhandled.start(extent, extent.start());
                while (from < extent.end()) {
                    long to = Math.min(extent.end(), from + this.properties.maxPerPartition());
                    session.forEach(extent.partition(), from, to, (record) -> {
                        if (unhandled.action(record) == null) {
                            replayOf(record, actedBy).ifPresentOrElse(replayed::add,
                                    () -> failed.add(new Coordinates(record.partition(), record.offset())));
                        }
                    });
                    from = unhandled.start(extent, to);
                }
            }
            return replayed;
        });
        return new ReplayedAll(replayed, failed);
    }

    private Optional<Replayed> replayOf(ConsumerRecord<byte[], byte[]> letter, String actedBy) {
        try {
            return Optional.of(replay(letter, actedBy));
        }
        catch (ErrorResponseException ex) {
            log.warn("Dead letter not replayed partition={} offset={}: {}", letter.partition(), letter.offset(),
                    ex.getBody().getDetail());
            return Optional.empty();
        }
    }

    /** Hides a dead letter from the list without replaying it. */
    public void discard(int partition, long offset, String actedBy) {
        this.reader.find(partition, offset).orElseThrow(() -> DeadLetterProblems.notFound(partition, offset));
        if (!this.ledger.record(Topics.DEAD_LETTERS, partition, offset, DeadLetterLedger.DISCARDED, actedBy)) {
            throw DeadLetterProblems.alreadyHandled(partition, offset);
        }
        this.discarded.increment();
        log.info("Discarded dead letter partition={} offset={} by={}", partition, offset, actedBy);
    }

    private RecordMetadata send(ConsumerRecord<byte[], byte[]> letter) {
        String key = (letter.key() != null) ? new String(letter.key(), StandardCharsets.UTF_8) : null;
        ProducerRecord<String, Object> record = new ProducerRecord<>(Topics.REPORTS, key, letter.value());
        record.headers().add(REPLAYED_FROM_HEADER,
                (letter.topic() + "-" + letter.partition() + "@" + letter.offset()).getBytes(StandardCharsets.UTF_8));
        Duration timeout = this.properties.readTimeout();
        try {
            return this.kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS).getRecordMetadata();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw DeadLetterProblems.replayUnconfirmed(letter.partition(), letter.offset(), ex);
        }
        catch (TimeoutException ex) {
            // the producer keeps the record and may deliver it still
            throw DeadLetterProblems.replayUnconfirmed(letter.partition(), letter.offset(), ex);
        }
        catch (ExecutionException | RuntimeException ex) {
            throw DeadLetterProblems.notReplayed(letter.partition(), letter.offset(), ex);
        }
    }

    /**
     * @param partition dead letter's partition
     * @param offset dead letter's offset
     * @param replayedPartition partition of the reports topic it was re-published to
     * @param replayedOffset offset it got there
     */
    public record Replayed(int partition, long offset, int replayedPartition, long replayedOffset) {
    }

    public record Coordinates(int partition, long offset) {
    }

    /**
     * @param letters the dead letters listed, by partition and offset
     * @param notListed unhandled ones older than those listed (replay-all replays them too)
     */
    public record Listing(List<DeadLetter> letters, long notListed) {
    }

    /**
     * @param replayed the dead letters replayed
     * @param failed the ones that could not be (handled meanwhile, or Kafka refused)
     */
    public record ReplayedAll(List<Replayed> replayed, List<Coordinates> failed) {
    }

}
