package io.github.spellingreports.standalone.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.github.spellingreports.standalone.FreePorts;
import io.github.spellingreports.standalone.KafkaRecords;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KafkaBrokerTests {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    @Test
    void formatsAFreshDirectoryAndKeepsRecordsAcrossARestartOnOtherPorts() throws Exception {
        Path logDir = this.dataDir.resolve("kafka");
        try (KafkaBroker broker = KafkaBroker.start(logDir, FreePorts.next(), FreePorts.next(), TIMEOUT)) {
            assertThat(broker.bootstrapServers()).startsWith("127.0.0.1:");
            assertThat(logDir.resolve("meta.properties")).exists();
            KafkaRecords.send(broker.bootstrapServers(), "round-trip", "key-1", "first start");
            assertThat(KafkaRecords.readAll(broker.bootstrapServers(), "round-trip")).containsExactly("key-1=first start");
        }
        String metaProperties = Files.readString(logDir.resolve("meta.properties"));

        try (KafkaBroker broker = KafkaBroker.start(logDir, FreePorts.next(), FreePorts.next(), TIMEOUT)) {
            assertThat(Files.readString(logDir.resolve("meta.properties"))).as("not formatted again").isEqualTo(metaProperties);
            assertThat(KafkaRecords.readAll(broker.bootstrapServers(), "round-trip")).containsExactly("key-1=first start");
        }
    }

}
