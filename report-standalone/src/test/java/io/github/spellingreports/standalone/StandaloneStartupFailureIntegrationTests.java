package io.github.spellingreports.standalone;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.stream.Stream;

import io.github.spellingreports.testsupport.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A standalone that cannot start stops what it had started already, so that the next attempt on
 * the same data directory works.
 */
class StandaloneStartupFailureIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void aWorkerPortInUseFailsTheStartAndReleasesBrokerDatabaseAndDataDirectory() throws Exception {
        int kafkaPort = LoopbackPorts.free();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Standalone blocked = standalone(taken.getLocalPort(), kafkaPort);
            assertThatIllegalStateException().isThrownBy(blocked::start).withMessageStartingWith("report-worker did not start");
        }
        try (Standalone standalone = standalone(LoopbackPorts.free(), kafkaPort).start()) {
            assertThat(standalone.worker().isRunning()).isTrue();
            assertThat(standalone.bootstrapServers()).isEqualTo("127.0.0.1:" + kafkaPort);
        }
    }

    /**
     * Only the failure: zonky keeps its lock on the cluster directory when PostgreSQL refuses to
     * start, until the JVM exits, which the standalone's main method then does.
     */
    @Test
    void aPostgresSettingThePostgresServerRefusesFailsTheStartSayingWhy() {
        Standalone misconfigured = standalone(LoopbackPorts.free(), LoopbackPorts.free(),
                "--spelling.standalone.postgres.shared-buffers=lots");
        assertThatIllegalStateException().isThrownBy(misconfigured::start)
                .withMessageStartingWith("PostgreSQL did not start")
                .withMessageEndingWith("(its log: postgres.log): invalid value for parameter \"shared_buffers\": \"lots\"");
    }

    private Standalone standalone(int workerPort, int kafkaPort, String... more) {
        String[] args = Stream.concat(Stream.of("--spelling.standalone.data-dir=" + this.dataDir,
                "--spelling.standalone.intake-port=" + LoopbackPorts.free(),
                "--spelling.standalone.worker-port=" + workerPort,
                "--spelling.standalone.kafka-port=" + kafkaPort,
                "--spelling.standalone.kafka-controller-port=" + LoopbackPorts.free(),
                "--spelling.standalone.smtp-port=" + LoopbackPorts.free()), Stream.of(more)).toArray(String[]::new);
        StandaloneSettings settings = StandaloneSettings.load(StandaloneSettings.environment(args));
        return new Standalone(settings, StandaloneSettings.environment(args), args);
    }

}
