package io.github.spellingreports.standalone;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;

import io.github.spellingreports.intake.IntakeApplication;
import io.github.spellingreports.standalone.files.OwnerOnlyFiles;
import io.github.spellingreports.standalone.kafka.KafkaBroker;
import io.github.spellingreports.standalone.mail.InboxConfiguration;
import io.github.spellingreports.standalone.mail.LocalInbox;
import io.github.spellingreports.standalone.postgres.EmbeddedDatabase;
import io.github.spellingreports.worker.WorkerApplication;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * Everything in one JVM: a Kafka broker, a PostgreSQL server, a local mail inbox unless
 * {@code spring.mail.host} is set, report-worker and report-intake. Started in that order (broker
 * and database side by side), stopped in reverse: the applications first, so that nothing is
 * in flight when the servers they use go away.
 */
public final class Standalone implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Standalone.class);

    /** The file in the data directory that tells Kafka's command-line tools how to connect. */
    public static final String KAFKA_CLIENT_PROPERTIES = "kafka-client.properties";

    /** How long a stop request waits for the start-up step under way (an application starting). */
    private static final Duration START_STEP_GRACE = Duration.ofMinutes(2);

    /** Claimed in this JVM: a second file lock from the same JVM would not be refused, but throw. */
    private static final Set<Path> DATA_DIRECTORIES_IN_USE = ConcurrentHashMap.newKeySet();

    /** Where the broker, the database and the local SMTP server listen. */
    private static final String LOOPBACK = "127.0.0.1";

    private final StandaloneSettings settings;

    private final Environment launcherEnvironment;

    private final String[] args;

    private final Object monitor = new Object();

    private boolean closed;

    private boolean starting;

    private boolean dataDirectoryClaimed;

    private FileChannel lockChannel;

    private FileLock lock;

    private EmbeddedDatabase database;

    private KafkaBroker broker;

    private LocalInbox inbox;

    private ConfigurableApplicationContext worker;

    private ConfigurableApplicationContext intake;

    private Duration startupTime;

    /**
     * @param settings the launcher's settings
     * @param launcherEnvironment where to look for {@code spring.mail.host}
     * @param args the command-line arguments, passed on to both applications
     */
    public Standalone(StandaloneSettings settings, Environment launcherEnvironment, String... args) {
        this.settings = settings;
        this.launcherEnvironment = launcherEnvironment;
        this.args = args.clone();
    }

    /**
     * Starts everything; on failure stops what was started and rethrows.
     * @return this
     * @throws StartCancelledException when {@link #close()} was called during start-up
     */
    public Standalone start() {
        long started = System.nanoTime();
        synchronized (this.monitor) {
            if (this.closed) {
                throw new StartCancelledException(null);
            }
            this.starting = true;
        }
        try {
            lockDataDirectory();
            refuseTakenPorts();
            startServers();
            register(startWorker(), (context) -> this.worker = context);
            register(startIntake(), (context) -> this.intake = context);
        }
        catch (RuntimeException ex) {
            boolean cancelled = finishStarting();
            close();
            throw cancelled ? new StartCancelledException(ex) : ex;
        }
        finishStarting();
        this.startupTime = Duration.ofNanos(System.nanoTime() - started);
        return this;
    }

    /**
     * Stops the applications, then the mail server, the broker and the database. Idempotent.
     * Called during start-up (Ctrl+C), it lets the step under way finish first, so that no
     * server goes away under an application that is still starting (a migration, say).
     */
    @Override
    public void close() {
        synchronized (this.monitor) {
            if (this.closed) {
                return;
            }
            this.closed = true;
            if (this.starting) {
                log.info("Stop requested during start-up: letting the step under way finish first");
                awaitStartFinished();
            }
        }
        log.info("Stopping spelling-reports standalone");
        quietly("report-intake", this.intake);
        quietly("report-worker", this.worker);
        quietly("local mail inbox", this.inbox);
        quietly("Kafka broker", this.broker);
        quietly("PostgreSQL", this.database);
        releaseDataDirectory();
        log.info("spelling-reports standalone stopped");
    }

    /** @return whether a stop was requested while starting */
    private boolean finishStarting() {
        synchronized (this.monitor) {
            this.starting = false;
            this.monitor.notifyAll();
            return this.closed;
        }
    }

    private void awaitStartFinished() {
        long deadline = System.nanoTime() + START_STEP_GRACE.toNanos();
        try {
            while (this.starting && System.nanoTime() < deadline) {
                this.monitor.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return the settings this standalone runs with */
    public StandaloneSettings settings() {
        return this.settings;
    }

    /** @return report-intake's application context */
    public ConfigurableApplicationContext intake() {
        return this.intake;
    }

    /** @return report-worker's application context */
    public ConfigurableApplicationContext worker() {
        return this.worker;
    }

    /** @return the embedded broker's {@code bootstrap.servers} */
    public String bootstrapServers() {
        return this.broker.bootstrapServers();
    }

    /** @return what a Kafka client needs to use the embedded broker: its address and credentials */
    public Map<String, Object> kafkaClientProperties() {
        return this.broker.clientProperties();
    }

    /** @return the JDBC URL of the embedded database */
    public String jdbcUrl() {
        return this.database.jdbcUrl();
    }

    /** @return the local inbox, unless {@code spring.mail.host} points at another server */
    public Optional<LocalInbox> inbox() {
        return Optional.ofNullable(this.inbox);
    }

    /** @return how long {@link #start()} took */
    public Duration startupTime() {
        return this.startupTime;
    }

    private void startServers() {
        // first, as it takes no time: once the other two run, nothing may throw before both are up
        if (!this.launcherEnvironment.containsProperty("spring.mail.host")) {
            register(LocalInbox.start(this.settings.smtpPort()), (started) -> this.inbox = started);
        }
        Path data = this.settings.dataPath();
        CompletableFuture<Void> database = inThread("postgres-start", () -> register(
                EmbeddedDatabase.start(data.resolve("postgres"), this.settings.postgresPort(),
                        this.settings.postgresSettings(), StoredSecret.POSTGRES_PASSWORD.readOrCreate(data)),
                (started) -> this.database = started));
        CompletableFuture<Void> broker = inThread("kafka-start", () -> register(
                KafkaBroker.start(data.resolve("kafka"), this.settings.kafkaPort(), this.settings.kafkaControllerPort(),
                        StoredSecret.KAFKA_PASSWORD.readOrCreate(data), this.settings.startupTimeout()),
                (started) -> {
                    this.broker = started;
                    started.writeClientProperties(data.resolve(KAFKA_CLIENT_PROPERTIES));
                }));
        try {
            // completes once both have finished, so that close() finds whichever did start
            CompletableFuture.allOf(database, broker).join();
        }
        catch (CompletionException ex) {
            throw (ex.getCause() instanceof RuntimeException runtime) ? runtime : ex;
        }
    }

    private static CompletableFuture<Void> inThread(String name, Runnable task) {
        return CompletableFuture.runAsync(task, (runnable) -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    private ConfigurableApplicationContext startWorker() {
        Integer localSmtpPort = (this.inbox != null) ? this.inbox.port() : null;
        SpringApplicationBuilder builder = WorkerApplication.builder()
                .main(WorkerApplication.class)
                .listeners(new ServicePropertySource("standalone-worker", ServiceSettings.worker(this.settings,
                        this.broker.clientProperties(), this.database.jdbcUrl(), localSmtpPort,
                        this.settings.dataPath())))
                .registerShutdownHook(false);
        if (this.inbox != null) {
            LocalInbox localInbox = this.inbox;
            builder.sources(InboxConfiguration.class)
                    .initializers((context) -> context.getBeanFactory().registerSingleton("localInbox", localInbox));
        }
        return run("report-worker", builder::run);
    }

    private ConfigurableApplicationContext startIntake() {
        SpringApplicationBuilder builder = IntakeApplication.builder()
                .main(IntakeApplication.class)
                .listeners(new ServicePropertySource("standalone-intake",
                        ServiceSettings.intake(this.settings, this.broker.clientProperties())))
                .registerShutdownHook(false);
        return run("report-intake", builder::run);
    }

    private ConfigurableApplicationContext run(String name, Function<String[], ConfigurableApplicationContext> runner) {
        log.info("Starting {}", name);
        try {
            return runner.apply(this.args);
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException(name + " did not start: " + ex.getMessage(), ex);
        }
    }

    /**
     * Keeps a started component for {@link #close()}; then gives up starting further ones when a
     * stop was requested meanwhile (Ctrl+C during start-up).
     */
    private <T> void register(T component, Consumer<T> field) {
        synchronized (this.monitor) {
            field.accept(component);
            if (this.closed) {
                throw new IllegalStateException("stopped during start-up");
            }
        }
    }

    /**
     * Refuses, before anything starts, a port one of its servers would bind that is taken: Kafka's
     * broker answers one by halting the JVM, which left the embedded PostgreSQL running without it.
     */
    private void refuseTakenPorts() {
        Map<String, InetSocketAddress> ports = new LinkedHashMap<>();
        ports.put("intake-port", new InetSocketAddress(this.settings.address(), this.settings.intakePort()));
        ports.put("worker-port", new InetSocketAddress(this.settings.address(), this.settings.workerPort()));
        ports.put("kafka-port", new InetSocketAddress(LOOPBACK, this.settings.kafkaPort()));
        ports.put("kafka-controller-port", new InetSocketAddress(LOOPBACK, this.settings.kafkaControllerPort()));
        if (this.settings.postgresPort() != 0) {
            ports.put("postgres-port", new InetSocketAddress(LOOPBACK, this.settings.postgresPort()));
        }
        if (!this.launcherEnvironment.containsProperty("spring.mail.host")) {
            ports.put("smtp-port", new InetSocketAddress(LOOPBACK, this.settings.smtpPort()));
        }
        List<String> taken = new ArrayList<>();
        ports.forEach((name, address) -> unusable(address).ifPresent((reason) -> taken.add("port " + address.getPort()
                + " on " + address.getHostString() + " (" + StandaloneSettings.PREFIX + "." + name + ") " + reason)));
        if (!taken.isEmpty()) {
            throw new IllegalStateException(String.join("; ", taken) + ": stop what uses "
                    + ((taken.size() == 1) ? "it" : "them") + " (another standalone?), or choose another port with --"
                    + StandaloneSettings.PREFIX + ".<setting>=PORT");
        }
    }

    /** @return why a server could not bind this address, if it could not */
    private static Optional<String> unusable(InetSocketAddress address) {
        try (ServerSocket socket = new ServerSocket()) {
            // as the servers do: a port a stopped standalone's connections still hold (TIME_WAIT) is free
            socket.setReuseAddress(true);
            socket.bind(address);
            return Optional.empty();
        }
        catch (IOException ex) {
            String reason = String.valueOf(ex.getMessage());
            return Optional.of(reason.contains("in use") ? "is in use" : "cannot be used: " + reason);
        }
    }

    private void lockDataDirectory() {
        Path data = this.settings.dataPath();
        if (!DATA_DIRECTORIES_IN_USE.add(data)) {
            throw dataDirectoryInUse(data);
        }
        this.dataDirectoryClaimed = true;
        try {
            OwnerOnlyFiles.directory(data);
            this.lockChannel = FileChannel.open(data.resolve("standalone.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            this.lock = this.lockChannel.tryLock();
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot use data directory " + data + ": " + why(ex)
                    + "; choose another with --" + StandaloneSettings.PREFIX + ".data-dir=DIRECTORY", ex);
        }
        if (this.lock == null) {
            throw dataDirectoryInUse(data);
        }
    }

    /** @return what went wrong with a path: its exceptions' messages are often the path alone */
    private static String why(IOException ex) {
        if (ex instanceof FileAlreadyExistsException exists) {
            return exists.getFile() + " is a file, not a directory";
        }
        if (ex instanceof AccessDeniedException denied) {
            return "permission denied for " + denied.getFile();
        }
        if (ex instanceof NoSuchFileException missing) {
            return missing.getFile() + " cannot be created (no such file or directory)";
        }
        return String.valueOf(ex.getMessage());
    }

    private static IllegalStateException dataDirectoryInUse(Path data) {
        return new IllegalStateException("Data directory " + data + " is in use by another running standalone; "
                + "stop it or choose another spelling.standalone.data-dir");
    }

    private void releaseDataDirectory() {
        try {
            if (this.lock != null) {
                this.lock.release();
            }
            if (this.lockChannel != null) {
                this.lockChannel.close();
            }
        }
        catch (IOException ex) {
            log.debug("Could not release the data directory lock", ex);
        }
        if (this.dataDirectoryClaimed) {
            DATA_DIRECTORIES_IN_USE.remove(this.settings.dataPath());
        }
    }

    private static void quietly(String name, AutoCloseable component) {
        if (component == null) {
            return;
        }
        try {
            component.close();
        }
        catch (Exception ex) {
            log.warn("{} did not stop cleanly: {}", name, ex.getMessage(), ex);
        }
    }

    /** {@link #start()} gave up because {@link #close()} was called meanwhile (Ctrl+C during start-up). */
    public static class StartCancelledException extends IllegalStateException {

        StartCancelledException(Throwable cause) {
            super("Start-up cancelled by a stop request", cause);
        }

    }

}
