package io.github.spellingreports.standalone;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;

import io.github.spellingreports.testsupport.LoopbackPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A standalone that cannot start stops what it had started already, so that the next attempt on
 * the same data directory works.
 */
@ExtendWith(OutputCaptureExtension.class)
class StandaloneStartupFailureIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void aWorkerThatCannotStartFailsTheStartAndReleasesBrokerDatabaseAndDataDirectory() throws Exception {
        int kafkaPort = LoopbackPorts.free();
        Standalone misconfigured = standalone(LoopbackPorts.free(), kafkaPort, LoopbackPorts.free(),
                "--spelling.digest.cron=at eight");
        assertThatIllegalStateException().isThrownBy(misconfigured::start).withMessageStartingWith("report-worker did not start");

        try (Standalone standalone = standalone(LoopbackPorts.free(), kafkaPort, LoopbackPorts.free()).start()) {
            assertThat(standalone.worker().isRunning()).isTrue();
            assertThat(standalone.bootstrapServers()).isEqualTo("127.0.0.1:" + kafkaPort);
        }
    }

    /**
     * A port in use is refused before anything starts. The broker's controller port in use halted
     * the JVM (Kafka's fatal-fault handler) and left the embedded PostgreSQL running without it.
     */
    @Test
    void portsInUseAreRefusedBeforeAnythingStartsNamingTheirSettings() throws Exception {
        try (ServerSocket worker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                ServerSocket controller = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Standalone blocked = standalone(worker.getLocalPort(), LoopbackPorts.free(), controller.getLocalPort());
            assertThatIllegalStateException().isThrownBy(blocked::start).withMessage("port " + worker.getLocalPort()
                    + " on 127.0.0.1 (spelling.standalone.worker-port) is in use; port " + controller.getLocalPort()
                    + " on 127.0.0.1 (spelling.standalone.kafka-controller-port) is in use: stop what uses them "
                    + "(another standalone?), or choose another port with --spelling.standalone.<setting>=PORT");
        }
        assertThat(this.dataDir.resolve("postgres")).as("no database started").doesNotExist();
        assertThat(this.dataDir.resolve("kafka")).as("no broker started").doesNotExist();

        try (Standalone standalone = standalone(LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free()).start()) {
            assertThat(standalone.worker().isRunning()).isTrue();
        }
    }

    /**
     * The data directory holds the readers' comments (Kafka's segments) and the secrets: other
     * users of the machine may not even list it, whether the start makes it or finds it made
     * with the umask's rwxr-xr-x (an earlier version made it so). The start stops at the port in
     * use, right after taking the directory.
     */
    @Test
    void theDataDirectoryIsMadeOwnerOnlyWhetherNewOrFoundOpenToOthers(CapturedOutput output) throws Exception {
        Path fresh = this.dataDir.resolve("fresh/data");
        Path open = Files.createDirectory(this.dataDir.resolve("open"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            for (Path data : new Path[] { fresh, open }) {
                Standalone blocked = standalone(data, taken.getLocalPort(), LoopbackPorts.free(), LoopbackPorts.free());
                assertThatIllegalStateException().isThrownBy(blocked::start).withMessageContaining("is in use");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data))).as(data.toString())
                        .isEqualTo("rwx------");
            }
        }
        assertThat(output).containsOnlyOnce("was open to other users of this machine (rwxr-xr-x): made it owner-only (rwx------)")
                .contains(open.toString());
    }

    /**
     * Only the failure: zonky keeps its lock on the cluster directory when PostgreSQL refuses to
     * start, until the JVM exits, which the standalone's main method then does.
     */
    @Test
    void aPostgresSettingThePostgresServerRefusesFailsTheStartSayingWhy() {
        Standalone misconfigured = standalone(LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free(),
                "--spelling.standalone.postgres.shared-buffers=lots");
        assertThatIllegalStateException().isThrownBy(misconfigured::start)
                .withMessageStartingWith("PostgreSQL did not start")
                .withMessageEndingWith("(its log: postgres.log): invalid value for parameter \"shared_buffers\": \"lots\"");
    }

    /** A data directory that cannot be one says why, not only its path ("Cannot use data directory /srv/x: /srv/x"). */
    @Test
    void aDataDirectoryThatIsAFileFailsTheStartSayingSo() throws Exception {
        Path file = Files.writeString(this.dataDir.resolve("spelling-data"), "not a directory");
        String[] args = { "--spelling.standalone.data-dir=" + file,
                "--spelling.standalone.intake-port=" + LoopbackPorts.free(),
                "--spelling.standalone.worker-port=" + LoopbackPorts.free(),
                "--spelling.standalone.kafka-port=" + LoopbackPorts.free(),
                "--spelling.standalone.kafka-controller-port=" + LoopbackPorts.free(),
                "--spelling.standalone.smtp-port=" + LoopbackPorts.free() };
        Standalone misplaced = new Standalone(StandaloneSettings.load(StandaloneSettings.environment(args)),
                StandaloneSettings.environment(args), args);
        assertThatIllegalStateException().isThrownBy(misplaced::start).withMessage("Cannot use data directory " + file
                + ": " + file + " is a file, not a directory; choose another with --spelling.standalone.data-dir=DIRECTORY");

        Path below = file.resolve("data");
        String[] belowArgs = args.clone();
        belowArgs[0] = "--spelling.standalone.data-dir=" + below;
        Standalone underAFile = new Standalone(StandaloneSettings.load(StandaloneSettings.environment(belowArgs)),
                StandaloneSettings.environment(belowArgs), belowArgs);
        assertThatIllegalStateException().isThrownBy(underAFile::start).withMessage("Cannot use data directory " + below
                + ": " + below + ": Not a directory; choose another with --spelling.standalone.data-dir=DIRECTORY");
    }

    private Standalone standalone(int workerPort, int kafkaPort, int controllerPort, String... more) {
        return standalone(this.dataDir, workerPort, kafkaPort, controllerPort, more);
    }

    private static Standalone standalone(Path dataDir, int workerPort, int kafkaPort, int controllerPort, String... more) {
        String[] args = Stream.concat(Stream.of("--spelling.standalone.data-dir=" + dataDir,
                "--spelling.standalone.intake-port=" + LoopbackPorts.free(),
                "--spelling.standalone.worker-port=" + workerPort,
                "--spelling.standalone.kafka-port=" + kafkaPort,
                "--spelling.standalone.kafka-controller-port=" + controllerPort,
                "--spelling.standalone.smtp-port=" + LoopbackPorts.free()), Stream.of(more)).toArray(String[]::new);
        StandaloneSettings settings = StandaloneSettings.load(StandaloneSettings.environment(args));
        return new Standalone(settings, StandaloneSettings.environment(args), args);
    }

}
