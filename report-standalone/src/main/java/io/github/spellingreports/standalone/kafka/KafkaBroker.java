package io.github.spellingreports.standalone.kafka;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) from Apache
 * Kafka's own server classes, listening on 127.0.0.1 only, with its log directory on disk so
 * that records survive a restart.
 * <p>
 * The quorum is static ({@code controller.quorum.voters}) rather than formatted with
 * {@code --standalone}: a dynamic quorum writes the controller's address into the metadata log,
 * so changing the controller port between two starts would leave the node looking for itself at
 * the old address. With one node there is nothing to reconfigure, so nothing is lost.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaBroker.class);

    private static final int NODE_ID = 1;

    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;

    private final String bootstrapServers;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code logDir} when it holds no Kafka data yet, starts the broker and waits until
     * it answers a client.
     * @param logDir where the broker keeps its logs and metadata
     * @param port the client (PLAINTEXT) port on 127.0.0.1
     * @param controllerPort the KRaft controller port on 127.0.0.1
     * @param timeout how long to wait for the broker to answer
     * @return the running broker
     * @throws IllegalStateException when the broker cannot be started or does not answer in time
     */
    public static KafkaBroker start(Path logDir, int port, int controllerPort, Duration timeout) {
        KafkaConfig config = new KafkaConfig(properties(logDir, port, controllerPort), false);
        formatIfNeeded(logDir);
        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("Could not open Kafka storage in " + logDir + ": " + ex.getMessage(), ex);
        }
        KafkaBroker broker = new KafkaBroker(server, "127.0.0.1:" + port);
        try {
            server.startup();
            broker.awaitReady(timeout);
        }
        catch (RuntimeException ex) {
            broker.close();
            throw new IllegalStateException("Kafka broker did not start on 127.0.0.1:" + port
                    + " (controller port " + controllerPort + "): " + ex.getMessage(), ex);
        }
        log.info("Kafka broker up on {} (data in {})", broker.bootstrapServers, logDir);
        return broker;
    }

    /**
     * @return the {@code bootstrap.servers} value for clients of this broker
     */
    public String bootstrapServers() {
        return this.bootstrapServers;
    }

    /** Stops the broker and waits until it has flushed and closed its logs. */
    @Override
    public void close() {
        this.server.shutdown();
        this.server.awaitShutdown();
        log.info("Kafka broker stopped");
    }

    static Map<String, Object> properties(Path logDir, int port, int controllerPort) {
        String quorumAddress = "127.0.0.1:" + controllerPort;
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + quorumAddress),
                Map.entry("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://" + quorumAddress),
                Map.entry("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT"),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("inter.broker.listener.name", "PLAINTEXT"),
                Map.entry("log.dirs", logDir.toString()),
                // one node: every internal topic has exactly one replica
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.num.partitions", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // Sized for one JVM on a small machine, shared with two web applications and PostgreSQL
                // (Kafka's defaults suit a dedicated broker host). The log cleaner's dedupe buffer is
                // allocated on the heap at start (128 MB by default) and only ever compacts the small
                // internal offsets topic here: 8 MB still maps ~350,000 distinct keys per pass.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024)),
                // Request handlers (8 by default, once for the broker and once for the controller),
                // network threads (3 per listener), background and group-coordinator threads (10 and 4):
                // on 2 cores more runnable threads only take CPU turns from the producer's acknowledgements.
                Map.entry("num.io.threads", "2"),
                Map.entry("num.network.threads", "1"),
                Map.entry("background.threads", "2"),
                Map.entry("group.coordinator.threads", "1"));
    }

    private static void formatIfNeeded(Path logDir) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(clusterId)
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(logDir.toString())
                    .addDirectory(logDir.toString())
                    .setHasDynamicQuorum(false)
                    .run();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not format Kafka storage in " + logDir + ": " + ex.getMessage(), ex);
        }
        log.info("Formatted new Kafka storage in {} (cluster id {})", logDir, clusterId);
    }

    private void awaitReady(Duration timeout) {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(Math.max(timeout.toMillis(), 5000)));
        try (Admin admin = Admin.create(properties)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the broker", ex);
        }
        catch (Exception ex) {
            throw new IllegalStateException("no answer within " + timeout.toSeconds() + " s", ex);
        }
    }

}
