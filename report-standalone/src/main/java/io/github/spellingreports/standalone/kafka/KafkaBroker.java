package io.github.spellingreports.standalone.kafka;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.standalone.files.OwnerOnlyFiles;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.security.plain.PlainLoginModule;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, broker and controller in one process) from Apache
 * Kafka's own server classes, listening on 127.0.0.1 only, with its log directory on disk so
 * that records survive a restart.
 * <p>
 * Both its listeners ask every connection for a user name and password (SASL/PLAIN, one user,
 * {@value #USERNAME}): any user of the machine can connect to 127.0.0.1, and without it anyone
 * there could read the reports (readers' comments included) or write records the worker would
 * store. PLAIN sends the password unencrypted, which on the loopback interface only root can read.
 * There is no authorizer: the one user may do everything, as the applications need. For the same
 * reason its log directory, where the records lie on disk, is readable by its owner only.
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

    /** Clients, and the broker itself (inter-broker traffic of its one node). */
    private static final String CLIENT_LISTENER = "CLIENTS";

    /** The one user the broker knows. */
    public static final String USERNAME = "standalone";

    private static final String SASL_MECHANISM = "PLAIN";

    private static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    private final KafkaRaftServer server;

    private final String bootstrapServers;

    private final String password;

    private KafkaBroker(KafkaRaftServer server, String bootstrapServers, String password) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
        this.password = password;
    }

    /**
     * Formats {@code logDir} when it holds no Kafka data yet, starts the broker and waits until
     * it answers a client.
     * @param logDir where the broker keeps its logs and metadata
     * @param port the client port on 127.0.0.1
     * @param controllerPort the KRaft controller port on 127.0.0.1
     * @param password the password of {@value #USERNAME}, which clients log in with
     * @param timeout how long to wait for the broker to answer
     * @return the running broker
     * @throws IllegalArgumentException when the password is empty or has a character JAAS cannot quote
     * @throws IllegalStateException when the broker cannot be started or does not answer in time
     */
    public static KafkaBroker start(Path logDir, int port, int controllerPort, String password, Duration timeout) {
        checkPassword(password);
        KafkaConfig config = new KafkaConfig(properties(logDir, port, controllerPort, password), false);
        formatIfNeeded(logDir);
        KafkaRaftServer server;
        try {
            server = new KafkaRaftServer(config, Time.SYSTEM);
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("Could not open Kafka storage in " + logDir + ": " + ex.getMessage(), ex);
        }
        KafkaBroker broker = new KafkaBroker(server, "127.0.0.1:" + port, password);
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

    /**
     * @return what a producer, consumer or admin client needs to use this broker:
     * {@code bootstrap.servers} and the SASL settings with this broker's credentials
     */
    public Map<String, Object> clientProperties() {
        return clientProperties(this.bootstrapServers, this.password);
    }

    /**
     * @param bootstrapServers the broker's {@code bootstrap.servers}
     * @param password the password the broker was started with
     * @return what a producer, consumer or admin client needs to use a broker started by this class
     */
    public static Map<String, Object> clientProperties(String bootstrapServers, String password) {
        return Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL,
                SaslConfigs.SASL_MECHANISM, SASL_MECHANISM,
                SaslConfigs.SASL_JAAS_CONFIG, jaas(password, false));
    }

    /**
     * Writes {@link #clientProperties()} to a file only its owner can read, in the format of
     * Kafka's command-line tools' {@code --command-config}, {@code --producer.config} and
     * {@code --consumer.config}. Written again at every start, so that it follows the port.
     * @param file where to write them
     * @throws UncheckedIOException when the file cannot be written
     */
    public void writeClientProperties(Path file) {
        StringBuilder text = new StringBuilder()
                .append("# How Kafka's tools connect to the standalone's broker, e.g.\n")
                .append("# kafka-consumer-groups.sh --bootstrap-server ").append(this.bootstrapServers)
                .append(" --command-config ").append(file.getFileName()).append(" --describe --group spelling-worker\n")
                .append("# Written at every start; the password is kept in kafka-password.\n");
        new TreeMap<>(clientProperties()).forEach((key, value) -> text.append(key).append('=').append(value).append('\n'));
        try {
            OwnerOnlyFiles.write(file, text.toString());
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not write the Kafka client settings to " + file, ex);
        }
    }

    /** Stops the broker and waits until it has flushed and closed its logs. */
    @Override
    public void close() {
        this.server.shutdown();
        this.server.awaitShutdown();
        log.info("Kafka broker stopped");
    }

    static Map<String, Object> properties(Path logDir, int port, int controllerPort, String password) {
        String quorumAddress = "127.0.0.1:" + controllerPort;
        String serverJaas = jaas(password, true);
        return Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", String.valueOf(NODE_ID)),
                Map.entry("controller.quorum.voters", NODE_ID + "@" + quorumAddress),
                Map.entry("listeners", CLIENT_LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://" + quorumAddress),
                Map.entry("advertised.listeners", CLIENT_LISTENER + "://127.0.0.1:" + port),
                Map.entry("listener.security.protocol.map",
                        CLIENT_LISTENER + ":" + SECURITY_PROTOCOL + "," + CONTROLLER_LISTENER + ":" + SECURITY_PROTOCOL),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("inter.broker.listener.name", CLIENT_LISTENER),
                // the same user and password on both listeners: the broker logs in to its own
                // controller and to itself with the username/password of these entries
                Map.entry("sasl.enabled.mechanisms", SASL_MECHANISM),
                Map.entry("sasl.mechanism.inter.broker.protocol", SASL_MECHANISM),
                Map.entry("sasl.mechanism.controller.protocol", SASL_MECHANISM),
                Map.entry(listenerJaasKey(CLIENT_LISTENER), serverJaas),
                Map.entry(listenerJaasKey(CONTROLLER_LISTENER), serverJaas),
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

    private static String listenerJaasKey(String listener) {
        return "listener.name." + listener.toLowerCase(Locale.ROOT) + "." + SASL_MECHANISM.toLowerCase(Locale.ROOT)
                + ".sasl.jaas.config";
    }

    /**
     * @param server whether for the broker's listeners, which also list the users they accept
     */
    private static String jaas(String password, boolean server) {
        String login = PlainLoginModule.class.getName() + " required username=\"" + USERNAME + "\" password=\"" + password + "\"";
        return server ? login + " user_" + USERNAME + "=\"" + password + "\";" : login + ";";
    }

    private static void checkPassword(String password) {
        if (password == null || password.isEmpty()) {
            throw new IllegalArgumentException("The Kafka password is empty");
        }
        for (int i = 0; i < password.length(); i++) {
            char c = password.charAt(i);
            if (c == '"' || c == '\\' || c < ' ' || c > '~') {
                throw new IllegalArgumentException("The Kafka password may only have printable ASCII characters "
                        + "other than \" and \\ (it is quoted in a JAAS configuration)");
            }
        }
    }

    private static void formatIfNeeded(Path logDir) {
        try {
            // the readers' comments, client hashes and dead letters; also one made by an earlier version
            OwnerOnlyFiles.directory(logDir);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not create Kafka's directory " + logDir, ex);
        }
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        String clusterId = Uuid.randomUuid().toString();
        try {
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
        properties.putAll(clientProperties());
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
