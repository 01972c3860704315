package io.github.spellingreports.intake.config;

import io.github.spellingreports.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the reports topic, so a fresh broker works without an administrator: with 3 replicas or
 * more, two of them must have a report before it is acknowledged ({@link Topics#replicationConfigs}).
 * The worker declares the same topic; Kafka's admin leaves an existing topic alone (it only ever
 * adds partitions).
 */
@Configuration(proxyBeanMethods = false)
class KafkaTopicConfiguration {

    @Bean
    NewTopic reportsTopic(IntakeProperties properties) {
        TopicBuilder topic = TopicBuilder.name(Topics.REPORTS).partitions(properties.topicPartitions());
        if (properties.topicReplicas() != null) {
            topic.replicas(properties.topicReplicas());
            topic.configs(Topics.replicationConfigs(properties.topicReplicas()));
        }
        return topic.build();
    }

}
