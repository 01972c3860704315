package io.github.spellingreports.intake.widget;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@link Topics#REPORTS} from the beginning with a plain Kafka consumer, as the worker would
 * see it: the record key and the JSON value parsed into the contract type.
 */
final class ReportsTopic implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;

    private final JsonMapper json = JsonMapper.builder().build();

    private final List<Received> received = new ArrayList<>();

    ReportsTopic(String bootstrapServers) {
        this.consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.REPORTS).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /**
     * Polls once more, then answers every record read so far that matches.
     * @param filter which reports to answer
     * @return the matching records, in the order read (per partition: in offset order)
     */
    List<Received> poll(Predicate<SpellingErrorReported> filter) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            received.add(new Received(record.key(), record.partition(), record.offset(),
                    json.readValue(record.value(), SpellingErrorReported.class)));
        }
        return received.stream().filter(record -> filter.test(record.report())).toList();
    }

    @Override
    public void close() {
        consumer.close();
    }

    /** One record of the topic. */
    record Received(String key, int partition, long offset, SpellingErrorReported report) {
    }

}
