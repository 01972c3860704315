package io.github.spellingreports.standalone.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The embedded PostgreSQL lets in only who knows the password: a new cluster, one kept from an
 * earlier start, and one made before the password existed (zonky's {@code trust}). A server left
 * running by a killed JVM is stopped by the next start; a lock file that outlived its server and
 * names another program or another cluster's server stops neither the start nor that program.
 */
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedDatabaseIntegrationTests {

    private static final String PASSWORD = "a password of this test";

    /** SQLSTATE invalid_password. */
    private static final String INVALID_PASSWORD = "28P01";

    @TempDir
    Path dataDir;

    @Test
    void aNewClusterAsksEveryConnectionForThePassword() throws Exception {
        Path cluster = this.dataDir.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, "the right password")) {
            assertRefused(database, "");
            assertRefused(database, "a wrong password");
            assertConnects(database, "the right password");
            assertThat(Files.readString(cluster.resolve("pg_hba.conf"))).isEqualTo(EmbeddedDatabase.PG_HBA)
                    .doesNotContain("trust");
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, "the right password")) {
            assertRefused(database, "");
            assertConnects(database, "the right password");
        }
    }

    @Test
    void aClusterOfAnEarlierVersionGetsThePasswordAtItsNextStart() throws Exception {
        Path cluster = this.dataDir.resolve("postgres");
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(cluster)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
            try (Connection connection = DriverManager.getConnection(trusting.getJdbcUrl("postgres", "postgres"),
                    "postgres", "")) {
                assertThat(connection.isValid(1)).as("zonky's cluster lets anyone in").isTrue();
            }
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, "set at the upgrade")) {
            assertRefused(database, "");
            assertConnects(database, "set at the upgrade");
        }
    }

    @Test
    void aClusterStartedWithAnotherPasswordDoesNotStartAndSaysWhy() throws IOException {
        Path cluster = this.dataDir.resolve("postgres");
        EmbeddedDatabase.start(cluster, 0, "the first password").close();
        assertThatIllegalStateException().isThrownBy(() -> EmbeddedDatabase.start(cluster, 0, "another password"))
                .withMessageContaining("password authentication failed for user \"postgres\"")
                .withMessageEndingWith("(the cluster was started before with another password)");
        assertThat(Files.exists(cluster.resolve("postmaster.pid"))).as("the server is stopped again").isFalse();
    }

    @Test
    void aServerLeftRunningByAKilledJvmIsStoppedByTheNextStartWhichThenRunsTheClusterWithItsData() throws Exception {
        Path cluster = this.dataDir.resolve("postgres");
        stoppedWithAStoredReport(cluster);
        // the JVM that started it was killed (kill -9, the out-of-memory killer): nobody will stop it
        Process orphan = startedAsZonkyStartsIt(cluster);
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(cluster.resolve("postmaster.pid"))
                    && Files.readAllLines(cluster.resolve("postmaster.pid")).size() > 7);
            try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, PASSWORD)) {
                assertThat(orphan.isAlive()).as("the earlier run's server is stopped").isFalse();
                assertThat(lockFilePid(cluster)).isNotEqualTo(orphan.pid());
                assertStoredReport(database);
            }
        }
        finally {
            orphan.destroy();
        }
    }

    @Test
    void aServerThatStopsWhileTheStandaloneRunsIsStartedAgainWithItsData() throws Exception {
        Path cluster = this.dataDir.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, PASSWORD)) {
            try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USERNAME, PASSWORD);
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE report (selection text)");
                statement.execute("INSERT INTO report VALUES ('recieve')");
            }
            long pid = lockFilePid(cluster);
            int port = database.port();
            // killed, as the kernel's out-of-memory killer or a careless pkill would
            ProcessHandle.of(pid).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> assertStoredReport(database));
            assertThat(database.port()).as("where the worker's connections go").isEqualTo(port);
            assertThat(lockFilePid(cluster)).isNotEqualTo(pid);
            assertRefused(database, "not the password");
        }
        // closed: stopped for good, not started again
        await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(10))
                .until(() -> Files.notExists(cluster.resolve("postmaster.pid")));
    }

    /**
     * zonky's stop gives up after 5 s (pg_ctl -t 5) and returns while the server still writes its
     * shutdown checkpoint; "PostgreSQL stopped" was logged then, and the JVM exited under it.
     * Here the server is paused (SIGSTOP) until zonky gave up, then let go on.
     */
    @Test
    @EnabledOnOs(OS.LINUX)
    void aStopWaitsForTheServerToExitBeyondZonkysFiveSeconds(CapturedOutput output) throws Exception {
        Path cluster = this.dataDir.resolve("postgres");
        EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, PASSWORD);
        ProcessHandle server = ProcessHandle.of(lockFilePid(cluster)).orElseThrow();
        signal("STOP", server);
        CompletableFuture<Void> close;
        try {
            close = CompletableFuture.runAsync(database::close);
            await().atMost(Duration.ofSeconds(30)).until(() -> output.getAll().contains("Could not stop postmaster"));
            assertThat(close).as("still waiting for the server").isNotDone();
            assertThat(output.getAll()).doesNotContain("PostgreSQL stopped");
        }
        finally {
            signal("CONT", server);
        }
        close.get(60, TimeUnit.SECONDS);
        assertThat(server.isAlive()).isFalse();
        assertThat(output.getAll()).contains("PostgreSQL stopped");
    }

    @Test
    void aLockFileThatOutlivedItsServerDoesNotStopTheNextStartThoughItsPidNowBelongsToAnotherProgram() throws Exception {
        Path cluster = this.dataDir.resolve("postgres");
        String lockFile = stoppedWithAStoredReport(cluster);
        // the machine lost power with the server running; after the reboot its pid is another program's
        Process other = new ProcessBuilder("sleep", "600").start();
        try {
            assertStartsDespiteALockFileNaming(other.pid(), cluster, lockFile);
            assertThat(other.isAlive()).as("the program that has the pid now is left alone").isTrue();
        }
        finally {
            other.destroy();
        }
    }

    @Test
    void aLockFileNamingAnotherClustersServerDoesNotStopTheNextStartNorThatServer() throws Exception {
        Path cluster = this.dataDir.resolve("postgres");
        String lockFile = stoppedWithAStoredReport(cluster);
        try (EmbeddedDatabase another = EmbeddedDatabase.start(this.dataDir.resolve("another"), 0, PASSWORD)) {
            assertStartsDespiteALockFileNaming(lockFilePid(this.dataDir.resolve("another")), cluster, lockFile);
            assertConnects(another, PASSWORD);
        }
    }

    @Test
    void aProcessTheLockFileNamesThatCannotBeToldApartIsLeftToPostgresAndNotStopped() throws Exception {
        Path cluster = this.dataDir.resolve("postgres");
        String lockFile = stoppedWithAStoredReport(cluster);
        // a program called postgres without -D: which cluster it serves cannot be told
        Path program = Files.copy(Path.of("/bin/sleep"),
                Files.createDirectories(this.dataDir.resolve("elsewhere")).resolve("postgres"));
        Process unknown = new ProcessBuilder(program.toString(), "600").start();
        try {
            leaveLockFileNaming(unknown.pid(), cluster, lockFile);
            assertThatIllegalStateException().isThrownBy(() -> EmbeddedDatabase.start(cluster, 0, PASSWORD))
                    .withMessageContaining("lock file \"postmaster.pid\" already exists");
            assertThat(unknown.isAlive()).as("what PostgreSQL refused to start beside is not stopped").isTrue();
        }
        finally {
            unknown.destroy();
        }
    }

    /**
     * Starts the cluster's server as the killed JVM's zonky had started it (its binary and arguments,
     * in a user namespace of its own where zonky uses one, as for root), but as a process no
     * {@link EmbeddedDatabase} of this JVM knows of.
     */
    private static Process startedAsZonkyStartsIt(Path cluster) throws Exception {
        ProcessHandle.Info server;
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, PASSWORD)) {
            server = ProcessHandle.of(lockFilePid(cluster)).orElseThrow().info();
        }
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            command.addAll(List.of("unshare", "-U"));
        }
        command.add(server.command().orElseThrow());
        command.addAll(List.of(server.arguments().orElseThrow()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(cluster.resolveSibling("orphan.log").toFile()).start();
    }

    private static void signal(String signal, ProcessHandle process) throws Exception {
        assertThat(new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).start().waitFor())
                .as("kill -%s", signal).isZero();
    }

    /** @return the lock file the server wrote while it ran, as a server killed with the machine leaves it */
    private static String stoppedWithAStoredReport(Path cluster) throws Exception {
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, PASSWORD);
                Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USERNAME, PASSWORD);
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE report (selection text)");
            statement.execute("INSERT INTO report VALUES ('recieve')");
            return Files.readString(cluster.resolve("postmaster.pid"));
        }
    }

    /** Leaves the cluster's lock file naming {@code pid}, then starts the cluster and finds its report. */
    private static void assertStartsDespiteALockFileNaming(long pid, Path cluster, String lockFile) throws Exception {
        leaveLockFileNaming(pid, cluster, lockFile);
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, PASSWORD)) {
            assertStoredReport(database);
        }
    }

    /** Leaves the lock file as its server wrote it, but naming {@code pid}. */
    private static void leaveLockFileNaming(long pid, Path cluster, String lockFile) throws IOException {
        Files.writeString(cluster.resolve("postmaster.pid"), pid + lockFile.substring(lockFile.indexOf('\n')));
    }

    private static void assertStoredReport(EmbeddedDatabase database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USERNAME, PASSWORD);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT selection FROM report")) {
            assertThat(result.next()).isTrue();
            assertThat(result.getString(1)).isEqualTo("recieve");
        }
    }

    private static long lockFilePid(Path cluster) throws IOException {
        return Long.parseLong(Files.readAllLines(cluster.resolve("postmaster.pid")).get(0).trim());
    }

    private static void assertRefused(EmbeddedDatabase database, String password) {
        assertThatExceptionOfType(SQLException.class)
                .isThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USERNAME, password)
                        .close())
                .satisfies((ex) -> assertThat(ex.getSQLState()).isIn(INVALID_PASSWORD, "08004"));
    }

    private static void assertConnects(EmbeddedDatabase database, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USERNAME,
                password)) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

}
