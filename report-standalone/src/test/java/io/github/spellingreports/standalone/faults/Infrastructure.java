package io.github.spellingreports.standalone.faults;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import io.github.spellingreports.events.Topics;
import io.github.spellingreports.testsupport.LoopbackPorts;
import io.github.spellingreports.standalone.kafka.KafkaBroker;
import io.github.spellingreports.standalone.postgres.EmbeddedDatabase;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The standalone's own servers, started directly: a KRaft broker on fixed ports (so that it can be
 * stopped and started again on the same data and address) and PostgreSQL, both on 127.0.0.1.
 */
final class Infrastructure implements AutoCloseable {

    static final Duration STARTUP = Duration.ofSeconds(60);

    /** The worker's consumer group (worker.yml). */
    static final String WORKER_GROUP = "spelling-worker";

    static final int PARTITIONS = 3;

    /** The embedded broker's password in these tests. */
    static final String KAFKA_PASSWORD = "fault-tests-kafka-password";

    /** The embedded PostgreSQL's password in these tests. */
    static final String DATABASE_PASSWORD = "fault-tests-db-password";

    private final Path kafkaDir;

    private final int kafkaPort = LoopbackPorts.free();

    private final int controllerPort = LoopbackPorts.free();

    private final EmbeddedDatabase database;

    private volatile KafkaBroker broker;

    private Infrastructure(Path dataDir) {
        this.kafkaDir = dataDir.resolve("kafka");
        CompletableFuture<EmbeddedDatabase> database = CompletableFuture
                .supplyAsync(() -> EmbeddedDatabase.start(dataDir.resolve("postgres"), 0, DATABASE_PASSWORD));
        this.broker = KafkaBroker.start(this.kafkaDir, this.kafkaPort, this.controllerPort, KAFKA_PASSWORD, STARTUP);
        this.database = database.join();
    }

    static Infrastructure start(Path dataDir) {
        Infrastructure infrastructure = new Infrastructure(dataDir);
        infrastructure.createTopics();
        return infrastructure;
    }

    String bootstrapServers() {
        return "127.0.0.1:" + this.kafkaPort;
    }

    /** @return {@code bootstrap.servers} and the broker's credentials, for any Kafka client; valid while it is stopped too */
    Map<String, Object> kafkaClient() {
        return KafkaBroker.clientProperties(bootstrapServers(), KAFKA_PASSWORD);
    }

    /**
     * @param extra the client's own settings
     * @return {@link #kafkaClient()} with them
     */
    Map<String, Object> kafkaClient(Map<String, Object> extra) {
        Map<String, Object> config = new HashMap<>(kafkaClient());
        config.putAll(extra);
        return config;
    }

    String jdbcUrl() {
        return this.database.jdbcUrl();
    }

    Connection connection() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), EmbeddedDatabase.USERNAME, DATABASE_PASSWORD);
    }

    /** Stops the broker; its data stays on disk. */
    void stopBroker() {
        KafkaBroker running = this.broker;
        this.broker = null;
        running.close();
    }

    /** Starts the broker again on the same data directory and ports. */
    void startBroker() {
        this.broker = KafkaBroker.start(this.kafkaDir, this.kafkaPort, this.controllerPort, KAFKA_PASSWORD, STARTUP);
    }

    Admin admin() {
        return Admin.create(kafkaClient(Map.of(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30000)));
    }

    /**
     * The topics as the worker would create them, created before anything is produced, so that a
     * producer never auto-creates a one-partition topic.
     */
    private void createTopics() {
        try (Admin admin = admin()) {
            admin.createTopics(List.of(new NewTopic(Topics.REPORTS, PARTITIONS, (short) 1),
                    new NewTopic(Topics.DEAD_LETTERS, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not create topics", ex);
        }
    }

    /**
     * @return records of the reports topic not yet committed by the worker's group; records
     * never consumed by the group count in full
     */
    long workerLag() throws InterruptedException, ExecutionException {
        try (Admin admin = admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(WORKER_GROUP)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> partitions = java.util.stream.IntStream.range(0, PARTITIONS)
                    .mapToObj(p -> new TopicPartition(Topics.REPORTS, p))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(partitions).all().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end : ends.entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }

    @Override
    public void close() {
        try {
            if (this.broker != null) {
                this.broker.close();
            }
        }
        finally {
            this.database.close();
        }
    }

}
