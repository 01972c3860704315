package io.github.spellingreports.standalone.postgres;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (zonky's bundled binaries) whose cluster lives in a directory of its
 * own and is kept between starts: {@code initdb} runs only when the directory holds no cluster
 * yet. It listens on localhost only. The server's own log goes to {@code postgres.log} next to
 * the cluster directory rather than to the console.
 * <p>
 * zonky tunes its servers for throw-away test databases ({@code fsync} and
 * {@code synchronous_commit} off); this one holds the moderation queue, so both are on again.
 * zonky's clusters also let anyone in ({@code trust}): this one asks every connection for the
 * {@code postgres} superuser's password (SCRAM), which it sets and writes into
 * {@code pg_hba.conf} at every start, so that other users of the machine cannot read or change the
 * queue over the loopback interface. A cluster made with {@code trust} gets the password at its
 * next start. A server that stops while the standalone runs is started again.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

    /**
     * Server settings this class sets at every start, over the caller's, by PostgreSQL's name: the
     * queue's durability (zonky turns the first two off) and where the server listens.
     */
    public static final Map<String, FixedSetting> FIXED_SETTINGS = Map.of(
            "fsync", new FixedSetting("on", "a committed report must be on disk"),
            "synchronous_commit", new FixedSetting("on", "a committed report must be on disk before its offset is committed"),
            "full_page_writes", new FixedSetting("on", "a crash must not leave torn pages"),
            "listen_addresses", new FixedSetting("localhost", "the database stays on localhost"));

    /** The database the worker uses, created on first start. */
    public static final String DATABASE = "spelling";

    /** zonky's superuser, the only role; it logs in with the password given at start. */
    public static final String USERNAME = "postgres";

    /** Every connection, over TCP or the Unix socket, needs the password. */
    static final String PG_HBA = """
            # Written by spelling-reports at every start: every connection needs the postgres user's
            # password (SCRAM), which the standalone keeps in its data directory (postgres-password).
            local   all   all                  scram-sha-256
            host    all   all   127.0.0.1/32   scram-sha-256
            host    all   all   ::1/128        scram-sha-256
            """;

    /** Pause between two tries to start a server that stopped unexpectedly and did not start again. */
    static final Duration RESTART_RETRY = Duration.ofSeconds(10);

    /** How long a start waits for the server a killed JVM left running to stop (its shutdown checkpoint). */
    static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);

    /**
     * How long a stop waits for the server to exit: zonky's own stop gives up after 5 s, while the
     * server may still be writing its shutdown checkpoint. Below the systemd unit's TimeoutStopSec
     * (120 s), which also covers the applications' stop.
     */
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path clusterDir;

    private final Map<String, String> settings;

    private final String password;

    private final ScheduledExecutorService restarts;

    private volatile EmbeddedPostgres postgres;

    private volatile boolean closed;

    /** The server's process (the postmaster), as its lock file named it when it started. */
    private volatile ProcessHandle server;

    private int failedRestarts;

    private EmbeddedDatabase(Path clusterDir, Map<String, String> settings, String password, EmbeddedPostgres postgres) {
        this.clusterDir = clusterDir;
        this.settings = Map.copyOf(settings);
        this.password = password;
        this.postgres = postgres;
        this.restarts = Executors.newSingleThreadScheduledExecutor((task) -> {
            Thread thread = new Thread(task, "postgres-restart");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts PostgreSQL on the cluster in {@code clusterDir}, creating the cluster and the
     * {@value #DATABASE} database on first use.
     * @param clusterDir the PostgreSQL data directory
     * @param port the port on localhost, 0 for any free one
     * @param password the {@value #USERNAME} user's password: set on a new cluster, and the one
     *        an existing cluster must have (unless it was made with {@code trust})
     * @return the running server
     * @throws IllegalStateException when the server cannot be started
     */
    public static EmbeddedDatabase start(Path clusterDir, int port, String password) {
        return start(clusterDir, port, Map.of(), password);
    }

    /**
     * Starts PostgreSQL as {@link #start(Path, int)} does, with further server settings.
     * @param clusterDir the PostgreSQL data directory
     * @param port the port on localhost, 0 for any free one
     * @param settings further server settings, by PostgreSQL's name ({@code shared_buffers}); they
     *        cannot change those this class sets
     * @param password the {@value #USERNAME} user's password, as for {@link #start(Path, int, String)}
     * @return the running server
     * @throws IllegalStateException when the server cannot be started (an unknown setting or value included)
     */
    public static EmbeddedDatabase start(Path clusterDir, int port, Map<String, String> settings, String password) {
        boolean fresh = !Files.exists(clusterDir.resolve("postgresql.conf"));
        stopServerOfAnEarlierRun(clusterDir);
        EmbeddedPostgres postgres = launch(clusterDir, port, settings, password);
        EmbeddedDatabase database = new EmbeddedDatabase(clusterDir, settings, password, postgres);
        try {
            database.createDatabaseIfMissing();
        }
        catch (SQLException ex) {
            database.close();
            throw new IllegalStateException("Could not prepare the database '" + DATABASE + "': " + ex.getMessage(), ex);
        }
        log.info("PostgreSQL up on port {} ({} cluster in {})", postgres.getPort(), fresh ? "new" : "existing", clusterDir);
        database.watch();
        return database;
    }

    /** Starts the server on the cluster and makes it ask every connection for the password. */
    private static EmbeddedPostgres launch(Path clusterDir, int port, Map<String, String> settings, String password) {
        Optional<Long> leftAlone = checkLockFile(clusterDir);
        EmbeddedPostgres postgres;
        Path serverLog = clusterDir.resolveSibling(clusterDir.getFileName() + ".log");
        long logBefore = serverLog.toFile().length();
        try {
            Files.createDirectories(clusterDir);
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
            settings.forEach(builder::setServerConfig);
            FIXED_SETTINGS.forEach((name, fixed) -> builder.setServerConfig(name, fixed.value()));
            postgres = builder
                    .setDataDirectory(clusterDir)
                    .setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    // zonky's own connections (readiness, createDatabaseIfMissing) log in with it too
                    .setConnectConfig("password", password)
                    .setOutputRedirector(Redirect.appendTo(serverLog.toFile()))
                    .setErrorRedirector(Redirect.appendTo(serverLog.toFile()))
                    .start();
        }
        catch (IOException | RuntimeException ex) {
            stopServerLeftRunning(clusterDir, leftAlone);
            String reason = fatalLine(serverLog, logBefore).orElseGet(() -> String.valueOf(ex.getMessage()));
            if (reason.startsWith("password authentication failed")) {
                reason += " (the cluster was started before with another password)";
            }
            throw new IllegalStateException("PostgreSQL did not start on the cluster in " + clusterDir
                    + " (its log: " + serverLog.getFileName() + "): " + reason, ex);
        }
        try {
            requirePassword(postgres, clusterDir, password);
        }
        catch (SQLException | IOException ex) {
            stop(postgres);
            throw new IllegalStateException("Could not prepare the database '" + DATABASE + "': " + ex.getMessage(), ex);
        }
        return postgres;
    }

    /**
     * Starts the server again should it stop while the standalone runs (killed, crashed): the worker
     * retries the database meanwhile (nothing is lost, the reports wait in Kafka), and without this
     * it would retry until someone restarted the whole standalone. PostgreSQL recovers the cluster as
     * after any crash.
     */
    private void watch() {
        readPid(this.clusterDir.resolve("postmaster.pid")).flatMap(ProcessHandle::of).ifPresent((server) -> {
            this.server = server;
            server.onExit().thenRun(() -> {
                if (!this.closed) {
                    log.error("PostgreSQL (pid {}) stopped unexpectedly; starting it again on port {} (zonky then "
                            + "logs that it could not stop it: it is gone already)", server.pid(), port());
                    this.restarts.execute(this::restart);
                }
            });
        });
    }

    private synchronized void restart() {
        if (this.closed) {
            return;
        }
        try {
            releaseStopped();
            this.postgres = launch(this.clusterDir, port(), this.settings, this.password);
            log.info("PostgreSQL up again on port {}", port());
            this.failedRestarts = 0;
            watch();
        }
        catch (RuntimeException ex) {
            // the whole trace once, then one line every try
            if (this.failedRestarts++ == 0) {
                log.error("PostgreSQL did not start again, next try in {} s", RESTART_RETRY.toSeconds(), ex);
            }
            else {
                log.error("PostgreSQL did not start again ({} tries), next try in {} s: {}", this.failedRestarts,
                        RESTART_RETRY.toSeconds(), ex.getMessage());
            }
            this.restarts.schedule(this::restart, RESTART_RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /**
     * @return the server's reason for not starting, from what this start wrote to its log (such as
     *         {@code invalid value for parameter "shared_buffers": "lots"})
     */
    static Optional<String> fatalLine(Path serverLog, long from) {
        try (RandomAccessFile log = new RandomAccessFile(serverLog.toFile(), "r")) {
            log.seek(Math.min(from, log.length()));
            byte[] written = new byte[(int) Math.min(log.length() - log.getFilePointer(), 1 << 20)];
            log.readFully(written);
            return new String(written, StandardCharsets.UTF_8).lines()
                    .filter((line) -> line.contains("FATAL:"))
                    .map((line) -> line.substring(line.indexOf("FATAL:") + "FATAL:".length()).trim())
                    .findFirst();
        }
        catch (IOException ex) {
            return Optional.empty();
        }
    }

    /**
     * @return the JDBC URL of the {@value #DATABASE} database
     */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + this.postgres.getPort() + "/" + DATABASE;
    }

    /**
     * @return the port the server listens on
     */
    public int port() {
        return this.postgres.getPort();
    }

    /**
     * Lets go of the stopped server's instance, which holds zonky's lock on the cluster directory:
     * another instance cannot start on it before. Closing it runs {@code pg_ctl stop}, which signals
     * the process the lock file names: the file must not name another program (its pid may be
     * another's by now) nor a server of the cluster someone started meanwhile, which
     * {@link #checkLockFile} refuses (this is tried again later).
     */
    private void releaseStopped() {
        checkLockFile(this.clusterDir);
        Path pidFile = this.clusterDir.resolve("postmaster.pid");
        if (readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive).isEmpty()) {
            try {
                Files.deleteIfExists(pidFile);
            }
            catch (IOException ex) {
                throw new IllegalStateException("Cannot remove the stopped server's lock file " + pidFile + ": " + ex.getMessage(), ex);
            }
        }
        // with no lock file pg_ctl finds no server to stop, which zonky logs as an error
        stop(this.postgres);
    }

    /**
     * Stops the server ({@code pg_ctl stop -m fast}) and waits, up to {@link #STOP_TIMEOUT}, until
     * its process is gone; the cluster stays on disk.
     */
    @Override
    public void close() {
        synchronized (this) {
            this.closed = true;
        }
        this.restarts.shutdownNow();
        ProcessHandle running = this.server;
        boolean stopped = stop(this.postgres);
        boolean exited = (running == null) || awaitExit(running);
        if (stopped && exited) {
            log.info("PostgreSQL stopped");
        }
    }

    /** @return whether the server exited in time */
    private static boolean awaitExit(ProcessHandle server) {
        try {
            server.onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return true;
        }
        catch (TimeoutException ex) {
            log.warn("PostgreSQL (pid {}) has not stopped {} s after it was asked to: it may still be writing its "
                    + "shutdown checkpoint (killed now, it recovers at the next start as after a power cut)",
                    server.pid(), STOP_TIMEOUT.toSeconds());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            log.warn("Interrupted while waiting for PostgreSQL (pid {}) to stop; it may still be running", server.pid());
        }
        catch (ExecutionException ex) {
            log.warn("Could not wait for PostgreSQL (pid {}) to stop: {}", server.pid(), ex.getMessage());
        }
        return false;
    }

    private static boolean stop(EmbeddedPostgres postgres) {
        try {
            postgres.close();
            return true;
        }
        catch (IOException ex) {
            log.warn("PostgreSQL did not stop cleanly: {}", ex.getMessage());
            return false;
        }
    }

    /**
     * Sets the password (computed into a SCRAM verifier here: it never reaches the server's log),
     * then makes every connection ask for it, which takes effect for connections opened from now on.
     */
    private static void requirePassword(EmbeddedPostgres postgres, Path clusterDir, String password)
            throws SQLException, IOException {
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            connection.unwrap(PGConnection.class).alterUserPassword(USERNAME, password.toCharArray(), "scram-sha-256");
            Path hba = clusterDir.resolve("pg_hba.conf");
            if (!PG_HBA.equals(Files.readString(hba, StandardCharsets.UTF_8))) {
                Files.writeString(hba, PG_HBA, StandardCharsets.UTF_8);
                try (Statement reload = connection.createStatement()) {
                    reload.execute("SELECT pg_reload_conf()");
                }
            }
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection connection = this.postgres.getPostgresDatabase().getConnection()) {
            try (PreparedStatement query = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                query.setString(1, DATABASE);
                try (ResultSet result = query.executeQuery()) {
                    if (result.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE " + DATABASE + " ENCODING 'UTF8'");
            }
        }
    }

    /**
     * Stops a server of the cluster that a JVM which was killed left running: {@code kill -9}, the
     * kernel's out-of-memory killer and Kafka's halt on a fatal fault end the JVM without its
     * shutdown, and the server, a process of its own, lives on without anyone to stop it. The caller
     * holds the data directory's lock, so no running standalone owns the server. It is stopped as
     * {@link #close()} stops one (PostgreSQL's fast shutdown: sessions ended, a checkpoint), and the
     * start goes on as after a clean stop. A process that cannot be told to be a server of the
     * cluster is left to {@link #checkLockFile}.
     * @throws IllegalStateException when the server does not stop within {@link #ORPHAN_STOP_TIMEOUT}
     */
    private static void stopServerOfAnEarlierRun(Path clusterDir) {
        Optional<ProcessHandle> server = readPid(clusterDir.resolve("postmaster.pid")).flatMap(ProcessHandle::of)
                .filter(ProcessHandle::isAlive)
                .filter((process) -> runsCluster(process.info(), clusterDir).orElse(false));
        if (server.isEmpty()) {
            return;
        }
        long pid = server.get().pid();
        log.warn("PostgreSQL from an earlier run is still running on {} (pid {}): the standalone that started it "
                + "ended without stopping it (killed?); stopping it", clusterDir, pid);
        requestFastShutdown(server.get());
        try {
            server.get().onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            log.info("PostgreSQL of the earlier run (pid {}) stopped", pid);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while PostgreSQL of an earlier run (pid " + pid + ") stopped", ex);
        }
        catch (ExecutionException | TimeoutException ex) {
            throw new IllegalStateException("PostgreSQL from an earlier run is still running on " + clusterDir
                    + " (pid " + pid + ") and did not stop within " + ORPHAN_STOP_TIMEOUT.toSeconds()
                    + " s; stop it first, e.g. kill " + pid, ex);
        }
    }

    /**
     * SIGINT, PostgreSQL's fast shutdown, as {@code pg_ctl stop -m fast} sends it; where {@code kill}
     * cannot send it, SIGTERM, the smart shutdown, which waits for sessions (a killed JVM's are gone).
     */
    private static void requestFastShutdown(ProcessHandle server) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(server.pid()))
                    .redirectErrorStream(true).redirectOutput(Redirect.DISCARD).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        }
        catch (IOException ex) {
            log.debug("Cannot run kill -INT {}", server.pid(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        server.destroy();
    }

    /**
     * Refuses to start beside a server of the cluster (one someone started while the standalone's
     * own was down; a start first stops one a killed JVM left running,
     * {@link #stopServerOfAnEarlierRun}), which would make {@code pg_ctl start} fail with a confusing
     * message, and says what happened instead. Only a
     * PostgreSQL server of this cluster counts: a lock file that outlived its server (the machine
     * lost power, or the server was killed) names a process id the system may have given to another
     * program since, after a reboot even to this JVM or one of its threads, and PostgreSQL would
     * then refuse to start ("lock file already exists") until someone deleted the file. Such a file
     * is removed here, as PostgreSQL replaces one whose process is gone, and PostgreSQL recovers the
     * cluster as after any crash. A server that runs on the cluster is the one its lock file names,
     * so removing a file that names another program cannot let two servers share the cluster. Where
     * the process cannot be inspected (another user's), PostgreSQL decides as usual.
     * @return the pid of a running process the lock file names and this check left alone
     */
    private static Optional<Long> checkLockFile(Path clusterDir) {
        Path pidFile = clusterDir.resolve("postmaster.pid");
        Optional<ProcessHandle> named = readPid(pidFile).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
        if (named.isEmpty()) {
            return Optional.empty();
        }
        ProcessHandle process = named.get();
        ProcessHandle.Info info = process.info();
        Optional<Boolean> runsThisCluster = runsCluster(info, clusterDir);
        if (runsThisCluster.isEmpty()) {
            return Optional.of(process.pid());
        }
        if (runsThisCluster.get()) {
            throw new IllegalStateException("PostgreSQL from an earlier run is still running on " + clusterDir
                    + " (pid " + process.pid() + "); stop it first, e.g. kill " + process.pid());
        }
        log.warn("{} named pid {}, which is now {}, not this cluster's PostgreSQL: the file outlived its server "
                + "(a crash or a power loss); removing it", pidFile, process.pid(), info.command().orElse("?"));
        try {
            Files.deleteIfExists(pidFile);
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot remove the stale lock file " + pidFile + ": " + ex.getMessage(), ex);
        }
        return Optional.empty();
    }

    /**
     * @param process what {@code /proc} tells of a running process
     * @param clusterDir a cluster directory
     * @return whether the process is a PostgreSQL server ({@code postgres -D DIR}) of that cluster;
     *         empty when that cannot be told (another user's process, a server started without {@code -D})
     */
    static Optional<Boolean> runsCluster(ProcessHandle.Info process, Path clusterDir) {
        Optional<String> program = process.command().map((command) -> String.valueOf(Path.of(command).getFileName()));
        if (program.isEmpty()) {
            return Optional.empty();
        }
        if (!program.get().equals("postgres") && !program.get().equals("postmaster")) {
            return Optional.of(false);
        }
        List<String> arguments = List.of(process.arguments().orElse(new String[0]));
        int option = arguments.indexOf("-D");
        if (option < 0 || option + 1 >= arguments.size() || !Path.of(arguments.get(option + 1)).isAbsolute()) {
            return Optional.empty();
        }
        return Optional.of(sameDirectory(Path.of(arguments.get(option + 1)), clusterDir));
    }

    private static boolean sameDirectory(Path one, Path other) {
        try {
            return Files.isSameFile(one, other);
        }
        catch (IOException ex) {
            return one.normalize().equals(other.toAbsolutePath().normalize());
        }
    }

    /**
     * zonky leaves the server running when it started but did not let zonky in (a wrong
     * password): stop it. No server of the cluster ran before this start ({@link #checkLockFile}),
     * so one the lock file names now is this start's, and nobody is connected to it, so SIGTERM
     * (PostgreSQL's smart shutdown) ends it at once. A process the lock file named before the start
     * and {@link #checkLockFile} left alone (PostgreSQL then refuses to start) is not this start's.
     */
    private static void stopServerLeftRunning(Path clusterDir, Optional<Long> leftAlone) {
        Optional<ProcessHandle> thisStarts = readPid(clusterDir.resolve("postmaster.pid"))
                .filter((pid) -> !leftAlone.equals(Optional.of(pid)))
                .flatMap(ProcessHandle::of);
        thisStarts.ifPresent((server) -> {
            server.destroy();
            try {
                server.onExit().get(30, TimeUnit.SECONDS);
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            catch (ExecutionException | TimeoutException ex) {
                log.warn("PostgreSQL (pid {}) did not stop within 30 s after a failed start", server.pid());
            }
        });
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).trim()));
        }
        catch (IOException | NumberFormatException ex) {
            return Optional.empty();
        }
    }

    /**
     * @param value what the setting is set to
     * @param reason why it cannot be changed, for whoever tries
     */
    public record FixedSetting(String value, String reason) {
    }

}
