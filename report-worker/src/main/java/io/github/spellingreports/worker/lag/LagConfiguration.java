package io.github.spellingreports.worker.lag;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

import io.github.spellingreports.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;

/**
 * Lag monitoring of the worker's consumer group: an admin client and the monitor.
 * Connection settings (servers, SSL, SASL) are Boot's {@code spring.kafka.*} ones.
 */
@Configuration(proxyBeanMethods = false)
class LagConfiguration {

    private final LagProperties properties;

    private final KafkaProperties kafka;

    LagConfiguration(LagProperties properties, KafkaProperties kafka) {
        this.properties = properties;
        this.kafka = kafka;
    }

    @Bean(destroyMethod = "close")
    Admin lagAdmin() {
        Map<String, Object> config = new HashMap<>(this.kafka.buildAdminProperties());
        config.put("client.id", "spelling-lag-admin");
        config.put("request.timeout.ms", (int) this.properties.requestTimeout().toMillis());
        config.put("default.api.timeout.ms", (int) this.properties.requestTimeout().toMillis());
        return Admin.create(config);
    }

    @Bean(destroyMethod = "close")
    LagMonitor lagMonitor(Admin lagAdmin) {
        BrokerOffsetsReader reader = new BrokerOffsetsReader(lagAdmin, this::probe, this.properties.requestTimeout());
        return new LagMonitor(reader, this.properties, Clock.systemUTC(), group(), Topics.REPORTS,
                Topics.DEAD_LETTERS);
    }

    /** The last hour of group samples, for the console's chart. */
    @Bean
    LagHistory lagHistory(LagMonitor lagMonitor) {
        LagHistory history = LagHistory.covering(this.properties.interval());
        lagMonitor.onSample(history::add);
        return history;
    }

    private String group() {
        return StringUtils.hasText(this.properties.group()) ? this.properties.group()
                : this.kafka.getConsumer().getGroupId();
    }

    /** A consumer without a group: it reads one record's timestamp per lagging partition; kept by the reader. */
    private Consumer<byte[], byte[]> probe() {
        Map<String, Object> config = new HashMap<>(this.kafka.buildConsumerProperties());
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        // a member's name (static membership) belongs to the group's consumer, not to this one
        config.remove(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "spelling-lag-probe");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 50);
        config.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 64 * 1024);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

}
