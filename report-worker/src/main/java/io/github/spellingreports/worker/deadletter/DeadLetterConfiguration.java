package io.github.spellingreports.worker.deadletter;

import java.util.HashMap;
import java.util.Map;

import io.github.spellingreports.events.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the dead-letter API to Boot's Kafka settings: group-less readers, and the worker's own
 * template (its value serializer sends {@code byte[]} as they are).
 */
@Configuration(proxyBeanMethods = false)
class DeadLetterConfiguration {

    @Bean
    DeadLetterService deadLetterService(KafkaProperties kafka, KafkaOperations<?, ?> template,
            DeadLetterLedger ledger, PlatformTransactionManager transactionManager, DeadLetterProperties properties,
            MeterRegistry registry) {
        DeadLetterReader reader = new DeadLetterReader(() -> reader(kafka), Topics.DEAD_LETTERS,
                properties.readTimeout());
        return new DeadLetterService(reader, ledger, raw(template), new TransactionTemplate(transactionManager),
                properties, registry);
    }

    private static Consumer<byte[], byte[]> reader(KafkaProperties kafka) {
        Map<String, Object> config = new HashMap<>(kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // a member's name (static membership) belongs to the group's consumer, not to this one
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "spelling-dead-letter-reader");
        // a few KB of each value is shown, and a partition is read at a time: a poll need not hold
        // the default MB per partition (a larger record still comes, alone)
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The template's serializers pick by type at run time: String keys, byte[] values. */
    @SuppressWarnings("unchecked")
    private static KafkaOperations<String, Object> raw(KafkaOperations<?, ?> template) {
        return (KafkaOperations<String, Object>) template;
    }

}
