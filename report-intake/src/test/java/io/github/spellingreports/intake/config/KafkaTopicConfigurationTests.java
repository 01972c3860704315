package io.github.spellingreports.intake.config;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reports topic as the intake creates it: with 3 replicas or more, a report is acknowledged
 * (acks=all, the 202) once two brokers have it; with Kafka's default min.insync.replicas of 1, the
 * leader alone had it, and lost it with it.
 */
class KafkaTopicConfigurationTests {

    @Test
    void aReplicatedTopicIsAcknowledgedByTwoBrokers() {
        NewTopic topic = new KafkaTopicConfiguration().reportsTopic(properties(3));
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
    }

    @Test
    void aTopicOfOneOrTwoReplicasKeepsTheBrokersSetting() {
        assertThat(new KafkaTopicConfiguration().reportsTopic(properties(null)).configs()).isNullOrEmpty();
        assertThat(new KafkaTopicConfiguration().reportsTopic(properties(2)).configs()).isNullOrEmpty();
    }

    private static IntakeProperties properties(Integer replicas) {
        return new IntakeProperties(List.of("https://news.example"), Duration.ofSeconds(4), Duration.ofSeconds(5), 20, "",
                DataSize.ofKilobytes(16), 3, replicas, List.of());
    }

}
