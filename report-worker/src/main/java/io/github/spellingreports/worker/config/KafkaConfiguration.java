package io.github.spellingreports.worker.config;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import io.github.spellingreports.worker.queue.DatabaseOutage;
import io.github.spellingreports.worker.queue.InvalidReportException;
import io.github.spellingreports.worker.queue.ReportDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;

import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.KafkaException;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRecordRecoverer;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.RetryListener;
import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.kafka.support.serializer.DelegatingByTypeSerializer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * What {@code spring.kafka.*} in worker.yml cannot say: the topics, and what happens to a record
 * the listener fails on. A poison record (unreadable, unknown schema version, invalid) goes to
 * {@link Topics#DEAD_LETTERS} at once; another failure after a few retries; a database outage is
 * retried without limit, because the record is fine and dead-lettering it would lose a report.
 */
@Configuration(proxyBeanMethods = false)
class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    /** How long the dead-letter topic keeps a letter. */
    static final Duration DEAD_LETTER_RETENTION = Duration.ofDays(30);

    /**
     * The largest dead letter: the record as published (up to the broker's default message.max.bytes,
     * about 1 MB) with its failure's headers, as the worker's producer may send it (max.request.size).
     */
    static final long DEAD_LETTER_MAX_BYTES = 2 * 1024 * 1024;

    /** Kafka's default max.request.size. */
    private static final long DEFAULT_MAX_REQUEST_SIZE = 1024 * 1024;

    /** Room a dead letter's stack-trace header may take (a few KB, more with long cause chains). */
    private static final long STACK_TRACE_ROOM = 64 * 1024;

    /**
     * Created by whichever service starts first, the intake or a worker, with the replicas each was
     * given: a worker that created it with the broker's default (1) left a site's
     * {@code spelling.intake.topic-replicas=3} without effect, each {@code 202} one broker's copy.
     */
    @Bean
    NewTopic reportsTopic(PipelineProperties properties) {
        return topic(Topics.REPORTS, properties).build();
    }

    /**
     * As many partitions as the reports topic: a dead letter keeps its original partition. A letter
     * may be as large as {@link #DEAD_LETTER_MAX_BYTES}: a record just under the broker's limit could
     * not be dead-lettered with its headers, and its partition stalled. Kept
     * {@link #DEAD_LETTER_RETENTION} rather than Kafka's 7 days, which a dead letter of a Friday night
     * outlived by little (the alert on new ones fires for half an hour): long enough to mend a cause
     * and replay, no longer than readers' address hashes are kept (a dead letter holds one).
     */
    @Bean
    NewTopic deadLettersTopic(PipelineProperties properties) {
        return topic(Topics.DEAD_LETTERS, properties)
                .config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(DEAD_LETTER_RETENTION.toMillis()))
                .config(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, Long.toString(DEAD_LETTER_MAX_BYTES))
                .build();
    }

    private static TopicBuilder topic(String name, PipelineProperties properties) {
        TopicBuilder topic = TopicBuilder.name(name).partitions(properties.partitions());
        if (properties.replicas() != null) {
            topic.replicas(properties.replicas());
            topic.configs(Topics.replicationConfigs(properties.replicas()));
        }
        return topic;
    }

    /**
     * The worker produces only dead letters: the raw bytes of a record that could not be read,
     * or the JSON of one that was read but rejected. Boot's template and producer factory are kept
     * (connection details, SSL, client settings), with the value serializer chosen by type.
     */
    @Bean
    DefaultKafkaProducerFactoryCustomizer deadLetterSerializers() {
        JacksonJsonSerializer<SpellingErrorReported> json = new JacksonJsonSerializer<>();
        json.setAddTypeInfo(false);
        Map<Class<?>, Serializer<?>> byType = new LinkedHashMap<>();
        byType.put(byte[].class, new ByteArraySerializer());
        byType.put(SpellingErrorReported.class, json);
        byType.put(String.class, new StringSerializer());
        return (factory) -> setSerializers(factory, new DelegatingByTypeSerializer(byType));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static void setSerializers(DefaultKafkaProducerFactory<?, ?> factory, Serializer<Object> values) {
        ((DefaultKafkaProducerFactory) factory).setKeySerializer(new StringSerializer());
        ((DefaultKafkaProducerFactory) factory).setValueSerializer(values);
    }

    /**
     * Offsets are committed without waiting for the broker's answer: still only after the poll's
     * database transaction committed, and in order. A commit lost in a crash redelivers records
     * that are stored already, which the store recognises by report id (counted once); closing the
     * consumer waits for commits in flight. Measured draining 300k reports: the consumer thread's
     * time between two polls went from 17-24 ms to 7-11 ms of a poll's ~80 ms.
     */
    @Bean
    ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> asyncCommits() {
        return (container) -> container.getContainerProperties().setSyncCommits(false);
    }

    @Bean
    DefaultErrorHandler errorHandler(KafkaOperations<?, ?> template, PipelineProperties properties,
            MeterRegistry registry) {
        DeadLetterPublishingRecoverer deadLetters = deadLetterRecoverer(template);
        // A record near the size limit goes without the stack trace (a few KB): with it, its dead
        // letter was over max.request.size, the recoverer failed, and the record was retried at once,
        // again and again, stalling its partition.
        DeadLetterPublishingRecoverer largeDeadLetters = deadLetterRecoverer(template);
        largeDeadLetters.excludeHeader(DeadLetterPublishingRecoverer.HeaderNames.HeadersToAdd.EX_STACKTRACE);
        long large = maxRequestSize(template) - STACK_TRACE_ROOM;
        ConsumerAwareRecordRecoverer recoverer = (record, consumer, ex) -> {
            ConsumerRecord<?, ?> published = asPublished(record);
            DeadLetterPublishingRecoverer publisher = (size(published) > large) ? largeDeadLetters : deadLetters;
            publisher.accept(published, consumer, withoutBatchWrapper(ex));
        };
        // The listener takes a poll at a time and names the record it failed on with a
        // BatchListenerFailedException: the handler commits the records before it and retries, or
        // dead-letters, that record alone with the back-off below (classification, back-off function
        // and retry listeners all apply per record). Any other exception would retry the whole
        // poll (FixedBackOff) and then dead-letter all of it; the listener does not throw one.
        DefaultErrorHandler handler = new DefaultErrorHandler(recoverer,
                new FixedBackOff(properties.retryInterval().toMillis(), properties.retries()));
        // DeserializationException and other conversion failures are not retryable by default already
        handler.addNotRetryableExceptions(InvalidReportException.class);
        BackOff outage = outageBackOff(properties);
        handler.setBackOffFunction((record, ex) -> DatabaseOutage.isCauseOf(ex) ? outage : null);
        handler.setRetryListeners(new FailureLog(registry.counter("spelling.worker.records", "outcome", "dead_lettered")));
        // our RetryListener says it better; the handler's own log of each retry stays for debugging
        handler.setLogLevel(KafkaException.Level.DEBUG);
        return handler;
    }

    private static DeadLetterPublishingRecoverer deadLetterRecoverer(KafkaOperations<?, ?> template) {
        DeadLetterPublishingRecoverer deadLetters = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(Topics.DEAD_LETTERS, record.partition()));
        deadLetters.setHeadersFunction(KafkaConfiguration::unreadableReason);
        return deadLetters;
    }

    private static long maxRequestSize(KafkaOperations<?, ?> template) {
        Object configured = template.getProducerFactory().getConfigurationProperties()
                .get(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return (configured != null) ? Long.parseLong(configured.toString()) : DEFAULT_MAX_REQUEST_SIZE;
    }

    /** Key, value and headers as they were read. */
    private static long size(ConsumerRecord<?, ?> record) {
        long size = Math.max(0, record.serializedKeySize()) + Math.max(0, record.serializedValueSize());
        for (Header header : record.headers()) {
            size += header.key().length() + ((header.value() != null) ? header.value().length : 0);
        }
        return size;
    }

    /**
     * The dead letter's exception headers as a record listener gave them: the listener's failure
     * with the record's own cause (InvalidReportException, ...), not the batch wrapper around it.
     * Its message, the reason the console and the API show, is "Record not stored; " and the
     * cause's ("unsupported schemaVersion 2"), not the listener method's signature in front of it.
     */
    private static Exception withoutBatchWrapper(Exception failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 5; depth++, cause = cause.getCause()) {
            if (cause instanceof BatchListenerFailedException batch && batch.getCause() instanceof Exception found) {
                Exception recordCause = databaseMessage(found);
                // the exception's message adds "; " and the cause's
                return (failure instanceof ListenerExecutionFailedException listener)
                        ? new ListenerExecutionFailedException("Record not stored", listener.getGroupId(), recordCause)
                        : recordCause;
            }
        }
        return failure;
    }

    /**
     * A record the database refused: the database's own error ("ERROR: ..." with its detail), not
     * Spring's translation of it, whose message is mostly the statement's SQL.
     */
    private static Exception databaseMessage(Exception failure) {
        return (failure instanceof DataAccessException access && access.getMostSpecificCause() instanceof Exception cause)
                ? cause : failure;
    }

    /**
     * The reason of a record that is not a report's JSON: Spring Kafka gives it as "failed to
     * deserialize", caused by its own deserialization exception, which does not tell an operator
     * what to repair; these headers (replacing Spring Kafka's) add what the parser found and where
     * ({@link InvalidInput#describe}) and name the parser's exception as the cause. Any other
     * dead letter keeps Spring Kafka's.
     */
    private static Headers unreadableReason(ConsumerRecord<?, ?> record, Exception failure) {
        JacksonException parse = (record.value() == null) ? InvalidInput.jsonFailure(failure) : null;
        if (parse == null) {
            return null;
        }
        String reason = "Record not stored; failed to deserialize: " + InvalidInput.describe(parse);
        return new RecordHeaders(new Header[] {
                new DeadLetterPublishingRecoverer.SingleRecordHeader(KafkaHeaders.DLT_EXCEPTION_MESSAGE,
                        reason.getBytes(StandardCharsets.UTF_8)),
                new DeadLetterPublishingRecoverer.SingleRecordHeader(KafkaHeaders.DLT_EXCEPTION_CAUSE_FQCN,
                        parse.getClass().getName().getBytes(StandardCharsets.UTF_8)) });
    }

    /**
     * A record of a schema version this worker cannot read, with the value as it was published
     * ({@link ReportDeserializer}) instead of this worker's reading of it: the dead letter is then
     * the record a newer worker reads when it is replayed, every field of it. Any other record as it is.
     */
    private static ConsumerRecord<?, ?> asPublished(ConsumerRecord<?, ?> record) {
        Header original = record.headers().lastHeader(ReportDeserializer.ORIGINAL_VALUE_HEADER);
        if (original == null) {
            return record;
        }
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(ReportDeserializer.ORIGINAL_VALUE_HEADER);
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), original.value().length, record.key(),
                original.value(), headers, record.leaderEpoch());
    }

    private static BackOff outageBackOff(PipelineProperties properties) {
        ExponentialBackOff backOff = new ExponentialBackOff(properties.outageInitialInterval().toMillis(), 2.0);
        backOff.setMaxInterval(properties.outageMaxInterval().toMillis());
        // no max attempts, no max elapsed time: wait for the database as long as it takes
        return backOff;
    }

    /** One WARN line per failed attempt and per dead letter, with the record's coordinates. */
    private static final class FailureLog implements RetryListener {

        private final Counter deadLettered;

        FailureLog(Counter deadLettered) {
            this.deadLettered = deadLettered;
        }

        @Override
        public void failedDelivery(ConsumerRecord<?, ?> record, Exception ex, int deliveryAttempt) {
            if (DatabaseOutage.isCauseOf(ex)) {
                log.warn("Database unavailable, will retry record topic={} partition={} offset={} attempt={}: {}", record.topic(),
                        record.partition(), record.offset(), deliveryAttempt, rootMessage(ex));
            }
            else {
                log.warn("Processing failed for record topic={} partition={} offset={} attempt={}: {}", record.topic(),
                        record.partition(), record.offset(), deliveryAttempt, rootMessage(ex));
            }
        }

        @Override
        public void recovered(ConsumerRecord<?, ?> record, Exception ex) {
            this.deadLettered.increment();
            log.warn("Dead-lettered record topic={} partition={} offset={} key={} to={}: {}", record.topic(),
                    record.partition(), record.offset(), record.key(), Topics.DEAD_LETTERS, rootMessage(ex));
        }

        /** Whole-poll retries: only for a failure that names no record (see the handler above). */
        @Override
        public void failedDelivery(ConsumerRecords<?, ?> records, Exception ex, int deliveryAttempt) {
            if (!(ex instanceof BatchListenerFailedException) && !(ex.getCause() instanceof BatchListenerFailedException)) {
                log.warn("Processing failed for a poll of {} records attempt={}: {}", records.count(), deliveryAttempt,
                        rootMessage(ex));
            }
        }

        /** The whole poll dead-lettered after its retries: only for a failure that names no record. */
        @Override
        public void recovered(ConsumerRecords<?, ?> records, Exception ex) {
            this.deadLettered.increment(records.count());
            log.warn("Dead-lettered a poll of {} records to={}: {}", records.count(), Topics.DEAD_LETTERS, rootMessage(ex));
        }

        @Override
        public void recoveryFailed(ConsumerRecord<?, ?> record, Exception original, Exception failure) {
            log.error("Could not dead-letter record topic={} partition={} offset={}; it will be retried", record.topic(),
                    record.partition(), record.offset(), failure);
        }

        private static String rootMessage(Throwable ex) {
            Throwable root = ex;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            return root.getClass().getSimpleName() + ": " + root.getMessage();
        }

    }

}
