package io.github.spellingreports.standalone.kafka;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.testsupport.LoopbackPorts;
import io.github.spellingreports.standalone.KafkaRecords;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class KafkaBrokerTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final String PASSWORD = "broker-tests-password";

    @TempDir
    Path dataDir;

    @Test
    void formatsAFreshDirectoryAndKeepsRecordsAcrossARestartOnOtherPorts() throws Exception {
        Path logDir = this.dataDir.resolve("kafka");
        try (KafkaBroker broker = KafkaBroker.start(logDir, LoopbackPorts.free(), LoopbackPorts.free(), PASSWORD, TIMEOUT)) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(logDir.resolve("meta.properties")).exists();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(logDir))).as("the readers' comments")
                    .isEqualTo("rwx------");
            KafkaRecords.send(broker.clientProperties(), "round-trip", "key-1", "first start");
            assertThat(KafkaRecords.readAll(broker.clientProperties(), "round-trip")).containsExactly("key-1=first start");
        }
        String metaProperties = Files.readString(logDir.resolve("meta.properties"));

        try (KafkaBroker broker = KafkaBroker.start(logDir, LoopbackPorts.free(), LoopbackPorts.free(), PASSWORD, TIMEOUT)) {
            assertThat(Files.readString(logDir.resolve("meta.properties"))).as("not formatted again").isEqualTo(metaProperties);
            assertThat(KafkaRecords.readAll(broker.clientProperties(), "round-trip")).containsExactly("key-1=first start");
        }
    }

    @Test
    void bothListenersRefuseClientsWithoutThePassword() throws Exception {
        int port = LoopbackPorts.free();
        int controllerPort = LoopbackPorts.free();
        try (KafkaBroker broker = KafkaBroker.start(this.dataDir.resolve("kafka"), port, controllerPort, PASSWORD, TIMEOUT)) {
            // the client port, and the controller port as an admin client reaches it (bootstrap.controllers)
            Map<String, String> listeners = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                    AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, "127.0.0.1:" + controllerPort);
            for (Map.Entry<String, String> listener : listeners.entrySet()) {
                assertThat(describeCluster(Map.of(listener.getKey(), listener.getValue())))
                        .as("a client without SASL on %s", listener).isInstanceOf(TimeoutException.class);

                Map<String, Object> wrongPassword = new HashMap<>(KafkaBroker.clientProperties(listener.getValue(), "not-" + PASSWORD));
                wrongPassword.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
                wrongPassword.put(listener.getKey(), listener.getValue());
                assertThat(describeCluster(wrongPassword)).as("a client with another password on %s", listener)
                        .isInstanceOf(SaslAuthenticationException.class);

                Map<String, Object> rightPassword = new HashMap<>(wrongPassword);
                rightPassword.put(SaslConfigs.SASL_JAAS_CONFIG, broker.clientProperties().get(SaslConfigs.SASL_JAAS_CONFIG));
                assertThat(describeCluster(rightPassword)).as("the standalone's own clients on %s", listener).isNull();
            }
        }
    }

    @Test
    void writesClientSettingsThatOnlyItsOwnerCanReadAndThatConnect() throws Exception {
        Path file = this.dataDir.resolve("kafka-client.properties");
        Files.writeString(file, "left from a start on another port");
        try (KafkaBroker broker = KafkaBroker.start(this.dataDir.resolve("kafka"), LoopbackPorts.free(), LoopbackPorts.free(),
                PASSWORD, TIMEOUT)) {
            broker.writeClientProperties(file);

            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            }
            Map<String, Object> loaded = new HashMap<>();
            properties.forEach((key, value) -> loaded.put((String) key, value));
            assertThat(loaded).isEqualTo(broker.clientProperties());
            assertThat(describeCluster(loaded)).isNull();
        }
    }

    @Test
    void refusesAPasswordThatCannotBeQuotedBeforeTouchingTheDirectory() {
        Path logDir = this.dataDir.resolve("kafka");
        for (String password : new String[] { "", "with\"quote", "back\\slash", "line\nbreak", "umlaut-ü" }) {
            assertThatIllegalArgumentException().as("password %s", password)
                    .isThrownBy(() -> KafkaBroker.start(logDir, LoopbackPorts.free(), LoopbackPorts.free(), password, TIMEOUT))
                    .withMessageStartingWith("The Kafka password");
        }
        assertThat(logDir).doesNotExist();
    }

    /** @return why the cluster could not be described within 5 s, or null when it could */
    private static Throwable describeCluster(Map<String, Object> client) throws InterruptedException {
        Map<String, Object> config = new HashMap<>(client);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
            return null;
        }
        catch (ExecutionException ex) {
            return ex.getCause();
        }
        catch (java.util.concurrent.TimeoutException ex) {
            throw new AssertionError("the admin client did not give up within its own timeout", ex);
        }
    }

}
