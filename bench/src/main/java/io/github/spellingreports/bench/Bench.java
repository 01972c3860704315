package io.github.spellingreports.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.stream.Collectors;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Runs every benchmark beside its ceiling and prints a Markdown table. See bench/README.md.
 * Arguments: {@code --jar=PATH --out=DIR [--quick] [--only=ID[,ID]] [--step-cap=SECONDS] [--label=NAME]
 * [--standalone-jvm="FLAGS"] [--jfr=DIR] [--drain-sizes=N[,N...]] [--backlog-span=HOURS]}.
 */
public final class Bench {

    static final String ADMIN_PASSWORD = "bench-admin-password";

    /** The worker's consumer group (worker.yml). */
    static final String WORKER_GROUP = "spelling-worker";

    /** How the worker's digest subjects begin (worker.yml {@code spelling.digest.subject}); alerts start otherwise. */
    static final String DIGEST_SUBJECT = "Spelling reports";

    final boolean quick;

    /** For development only: skip B7/B1/B2 and start at B3. */
    boolean fromB3;

    /**
     * Rows to run ({@code --only=B1,B2}); empty: all. B7, B1 and B2 share the first standalone (B2 needs B1's
     * rate, B7's memory rows come with B1's wrk run); B3-B6 share the drain standalones and run together.
     */
    Set<String> only = Set.of();

    final Path jar;

    /**
     * The PostgreSQL setting, by the standalone's name, that keeps each transaction's commit time: B6's
     * latency ends when the report's row is committed (visible to the queue's readers).
     */
    static final Map.Entry<String, String> COMMIT_TIMESTAMPS = Map.entry("track_commit_timestamp", "on");

    /** The JVM flags of the README's run command. */
    static final List<String> README_JVM_FLAGS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    /** JVM options of the standalone under test ({@code --standalone-jvm="-Xmx512m -XX:+UseSerialGC"}); none: JVM defaults. */
    List<String> standaloneJvm = List.of();

    /**
     * The scaling series runs a larger size only if its drain, projected from the previous size's rate,
     * fits in this ({@code --step-cap=SECONDS}; default 300 s, quick 60 s).
     */
    Duration stepCap;

    /** Where each standalone writes a JFR profile, {@code NAME.jfr} ({@code --jfr=DIR}); null: no profiling. */
    Path jfr;

    /** The B3 series' backlog sizes ({@code --drain-sizes=300000}); null: the run's default. */
    int[] drainSizes;

    /**
     * Over how long the B3 backlog's receipt times spread, ending when it is produced
     * ({@code --backlog-span=48}, hours: a weekend's reports); zero: all received as produced.
     */
    Duration backlogSpan = Duration.ZERO;

    /** Appended to the result file's name ({@code --label=series}). */
    String label = "";

    /** The arguments as given to run.sh, for the report. */
    String command = "";

    final Path out;

    final Path work;

    final String classpath;

    final List<String[]> rows = new ArrayList<>();

    final List<String> notes = new ArrayList<>();

    /** Each standalone's PostgreSQL password, by its PostgreSQL port. */
    final Map<Integer, String> postgresPasswords = new HashMap<>();

    /** The standalones' Kafka client settings files (their brokers ask for a password), by broker port. */
    final Map<Integer, Path> kafkaClientFiles = new HashMap<>();

    Bench(boolean quick, Path jar, Path out) throws IOException {
        this.quick = quick;
        this.jar = jar;
        this.out = out;
        this.work = Files.createTempDirectory("spelling-bench-");
        this.classpath = System.getProperty("java.class.path");
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        boolean fromB3 = false;
        Duration stepCap = null;
        String label = "";
        Set<String> only = Set.of();
        Path jfr = null;
        int[] drainSizes = null;
        Duration backlogSpan = Duration.ZERO;
        List<String> given = new ArrayList<>();
        for (String arg : args) {
            if (!arg.startsWith("--jar=") && !arg.startsWith("--out=")) {
                given.add(arg.contains(" ") ? arg.replaceFirst("=", "=\"") + "\"" : arg);
            }
        }
        // the README's run command: the standalone as users start it; --standalone-jvm="" for JVM defaults
        List<String> standaloneJvm = README_JVM_FLAGS;
        Path jar = Path.of("report-standalone/target/standalone/report-standalone.jar");
        Path out = Path.of("bench/results");
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            }
            else if (arg.startsWith("--jar=")) {
                jar = Path.of(arg.substring(6));
            }
            else if (arg.equals("--from-b3")) {
                fromB3 = true;
            }
            else if (arg.startsWith("--out=")) {
                out = Path.of(arg.substring(6));
            }
            else if (arg.startsWith("--standalone-jvm=")) {
                standaloneJvm = List.of(arg.substring("--standalone-jvm=".length()).trim().split("\\s+"));
            }
            else if (arg.startsWith("--only=")) {
                only = Set.of(arg.substring("--only=".length()).toUpperCase().split(","));
            }
            else if (arg.startsWith("--label=")) {
                label = "-" + arg.substring("--label=".length());
            }
            else if (arg.startsWith("--drain-sizes=")) {
                drainSizes = Arrays.stream(arg.substring("--drain-sizes=".length()).split(",")).mapToInt(Integer::parseInt).toArray();
            }
            else if (arg.startsWith("--backlog-span=")) {
                backlogSpan = Duration.ofHours(Long.parseLong(arg.substring("--backlog-span=".length())));
            }
            else if (arg.startsWith("--jfr=")) {
                jfr = Path.of(arg.substring("--jfr=".length())).toAbsolutePath();
            }
            else if (arg.startsWith("--step-cap=")) {
                stepCap = Duration.ofSeconds(Long.parseLong(arg.substring("--step-cap=".length())));
            }
            else {
                throw new IllegalArgumentException("unknown argument " + arg + " (see bench/README.md)");
            }
        }
        Bench bench = new Bench(quick, jar, out);
        bench.fromB3 = fromB3;
        bench.label = label;
        bench.only = only;
        bench.jfr = jfr;
        bench.drainSizes = drainSizes;
        bench.backlogSpan = backlogSpan;
        bench.command = String.join(" ", given);
        bench.stepCap = (stepCap != null) ? stepCap : Duration.ofSeconds(quick ? 60 : 300);
        bench.standaloneJvm = standaloneJvm.equals(List.of("")) ? List.of() : standaloneJvm;
        try {
            bench.run();
        }
        finally {
            bench.report();
        }
        System.exit(0);
    }

    // ---------------------------------------------------------------- scale

    Duration wrkDuration() { return Duration.ofSeconds(quick ? 5 : 20); }

    // long enough for the JIT: a request costs 4-6x more CPU in the first minute than once compiled
    Duration warmup() { return Duration.ofSeconds(quick ? 8 : 30); }

    // wrk rounds after the fixed warm-up, until the JIT is done (see warmUpUntilCompiled)
    Duration warmupRound() { return Duration.ofSeconds(quick ? 5 : 10); }

    // on a machine whose JIT is slow (2026-12-02: C2 busy for ~25 s of CPU; the ceiling reached 4k/s after
    // 30 s and 10.5k/s after 90 s) the fixed warm-up is not enough; this bounds the wait
    Duration warmupLimit() { return Duration.ofSeconds(quick ? 60 : 180); }

    Duration halfRateDuration() { return Duration.ofSeconds(quick ? 5 : 20); }

    int wrkConnections() { return 32; }

    int producerPerfRecords() { return quick ? 20_000 : 200_000; }

    /** B3's scaling series: reports in each backlog, over a tenth as many errors; the first size also feeds B4-B6. */
    int[] drainSizes() {
        return (drainSizes != null) ? drainSizes : quick ? new int[] {10_000, 30_000, 100_000} : new int[] {100_000, 300_000, 1_000_000};
    }

    /** B5's scaling series: errors seeded for each digest, ten to a page. */
    int[] digestSizes() { return quick ? new int[] {100, 300, 1_000} : new int[] {1_000, 3_000, 10_000}; }

    /** B4's hot error: the issue's 200k in the full run (about 10 s of drain), a tenth of it quick. */
    int hotReports() { return quick ? 20_000 : 200_000; }

    int e2eRate() { return quick ? 100 : 500; }

    Duration e2eDuration() { return Duration.ofSeconds(quick ? 5 : 20); }

    Duration e2eWarmUp() { return Duration.ofSeconds(quick ? 5 : 30); }

    // ---------------------------------------------------------------- the run

    void run() throws Exception {
        System.out.printf("spelling-reports bench (%s) in %s%n", quick ? "quick" : "full", work);
        Ports ports = Ports.free();
        GreenMail smtp = new GreenMail(new ServerSetup(ports.smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Path data1 = work.resolve("data-b1");
            if (!fromB3 && wants("B1", "B2", "B7")) {
                // The worker's listener stays off: B1 measures the intake, not the intake racing the worker
                // for the same two cores while it drains what the intake just accepted.
                try (Proc standalone = startStandalone("standalone-b1", data1, ports,
                        List.of("--spring.kafka.listener.auto-startup=false"))) {
                    double b1Max = footprintAndIntake(standalone, ports);
                    if (wants("B2")) {
                        producerCeiling(ports, b1Max);
                    }
                }
                if (wants("B7")) {
                    startWithArchive(ports);
                }
            }
            if (!wants("B3", "B4", "B5", "B6")) {
                return;
            }
            int[] sizes = drainSizes();
            Path data3 = work.resolve("data-b3");
            List<DrainStep> steps = new ArrayList<>();
            steps.add(drainStep(ports, smtp, data3, sizes[0], true));
            HotDrain hot = hotError(ports, data3);
            for (int i = 1; i < sizes.length; i++) {
                DrainStep previous = steps.get(steps.size() - 1);
                // an unmeasured rate (0) projects nothing: the size runs
                double projected = previous.drained.perSecond() > 0 ? sizes[i] / previous.drained.perSecond() : 0;
                if (!(projected <= stepCap.toSeconds())) {
                    rows.add(row("B3", "worker drains a backlog of " + count(sizes[i]) + " reports", "not run", "-", "-", "-",
                            "not run: " + count(sizes[i]) + " would take ~" + minutes(projected) + " at the measured "
                                    + fmt(previous.drained.perSecond()) + " reports/s of " + count(previous.reports())
                                    + " (step cap " + stepCap.toSeconds() + " s, `--step-cap=SECONDS`)"));
                    skipped.add(count(sizes[i]) + " (~" + minutes(projected) + ")");
                    continue;
                }
                steps.add(drainStep(ports, smtp, work.resolve("data-b3-" + sizes[i]), sizes[i], false));
            }
            hotErrorRow(hot, b4Baseline(steps));
            drainScaling(steps);
        }
        finally {
            smtp.stop();
        }
    }

    /** Whether {@code --only} selects any of these rows (no {@code --only}: every row). */
    boolean wants(String... ids) {
        return only.isEmpty() || Arrays.stream(ids).anyMatch(only::contains);
    }

    Proc startStandalone(String name, Path data, Ports ports, List<String> extra) throws Exception {
        return startStandalone(name, data, ports, List.of(), extra);
    }

    /** @param extraJvm JVM options added after the run's standalone JVM options */
    Proc startStandalone(String name, Path data, Ports ports, List<String> extraJvm, List<String> extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(standaloneJvm);
        command.addAll(extraJvm);
        if (jfr != null) {
            Files.createDirectories(jfr);
            command.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + jfr.resolve(name + ".jfr"));
        }
        command.addAll(List.of("-jar", jar.toString(),
                "--spelling.standalone.data-dir=" + data,
                "--spelling.standalone.intake-port=" + ports.intake,
                "--spelling.standalone.worker-port=" + ports.worker,
                "--spelling.standalone.kafka-port=" + ports.kafka,
                "--spelling.standalone.kafka-controller-port=" + ports.controller,
                "--spelling.standalone.postgres-port=" + ports.postgres,
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + ports.smtp,
                "--spelling.digest.recipients=editors@example.com",
                "--spelling.worker.admin.password=" + ADMIN_PASSWORD,
                "--spelling.intake.rate-limit.enabled=false",
                "--spelling.standalone.postgres." + COMMIT_TIMESTAMPS.getKey().replace('_', '-') + "=" + COMMIT_TIMESTAMPS.getValue()));
        command.addAll(extra);
        Proc proc = Proc.start(name, command, work.resolve(name + ".log"));
        // where the standalone keeps its PostgreSQL cluster (spelling.standalone.data-dir)
        proc.postgresCluster = data.resolve("postgres");
        double ready = proc.await("spelling-reports standalone is up", Duration.ofMinutes(3));
        // the standalone makes its PostgreSQL's password on the first start and keeps it in its data directory
        postgresPasswords.put(ports.postgres, Files.readString(data.resolve("postgres-password")).strip());
        // and writes how Kafka clients log in to its broker at every start
        kafkaClientFiles.put(ports.kafka, data.resolve("kafka-client.properties"));
        proc.readySeconds = ready;
        System.out.printf("%s up in %.1f s (pid %d)%n", name, ready, proc.pid());
        if (name.equals("standalone-b1")) {
            rows.add(row("B7", "standalone ready: `java -jar` to banner, first start", fmt(ready) + " s", "-", "-", "<= 20 s",
                    "`" + jar.getFileName() + "` in `" + jar.getParent() + "`; fresh data dir (Kafka storage format + initdb + Flyway); "
                            + (standaloneJvm.isEmpty() ? "JVM defaults, no flags" : "JVM flags " + String.join(" ", standaloneJvm))));
        }
        if (name.equals("standalone-b3-drain")) {
            rows.add(row("B7", "standalone ready: `java -jar` to banner, restart", fmt(ready) + " s", "-", "-", "<= 20 s",
                    "existing data dir; the worker's listener starts draining the B3 backlog meanwhile"));
        }
        return proc;
    }

    /**
     * B7 with the README's class-data sharing option: one start that writes the archive as it stops, then a
     * first start (fresh data dir) that maps it.
     */
    void startWithArchive(Ports ports) throws Exception {
        Path archive = work.resolve("standalone.jsa");
        try (Proc training = startStandalone("standalone-cds-training", work.resolve("data-cds-training"), ports,
                List.of("-XX:ArchiveClassesAtExit=" + archive), List.of())) {
            // stopping it writes the archive
        }
        if (!Files.exists(archive)) {
            rows.add(row("B7", "standalone ready with a class-data sharing archive, first start", "not run", "-", "-", "<= 20 s",
                    "the training start wrote no archive (see standalone-cds-training.log)"));
            return;
        }
        Path log = work.resolve("standalone-cds.log");
        try (Proc standalone = startStandalone("standalone-cds", work.resolve("data-cds"), ports,
                List.of("-XX:SharedArchiveFile=" + archive), List.of())) {
            double ready = standalone.readySeconds;
            boolean mapped = !Files.readString(log).contains("Unable to use shared archive");
            rows.add(row("B7", "standalone ready with a class-data sharing archive, first start", fmt(ready) + " s", "-", "-", "<= 20 s",
                    "README's option: archive (" + fmt(Files.size(archive) / 1048576.0) + " MB) written by one start and stop; fresh data dir; "
                            + (mapped ? "archive mapped" : "the JVM could not use the archive (see the log)")));
        }
    }

    /** B7 footprint and B1 intake vs the MVC ceiling. @return the intake's max accepted/s */
    double footprintAndIntake(Proc standalone, Ports ports) throws Exception {
        Thread.sleep(3000); // let start-up work settle before the idle reading
        double idle = standalone.rssMb();
        double idleWhole = standalone.footprintMb();
        String intakeUrl = "http://127.0.0.1:" + ports.intake + "/api/v1/reports";
        String origin = "http://127.0.0.1:" + ports.intake;
        String intakeWarmup = warmUpUntilCompiled(standalone, intakeUrl, origin);
        // max VmRSS of the JVM, max Pss of the JVM with its PostgreSQL server
        double[] peak = {0, 0};
        Runnable sampler = () -> {
            peak[0] = Math.max(peak[0], standalone.rssMb());
            peak[1] = Math.max(peak[1], standalone.footprintMb());
        };
        WrkResult intake = wrk(intakeUrl, origin, wrkDuration(), sampler);
        double ceilingMax;
        String ceilingRuns;
        WrkResult intakeSecond;
        String ceilingWarmup;
        OpenLoad.Result ceilingHalf;
        double rate;
        // the same JVM flags as the standalone: only Kafka (and the intake's own edge) may differ
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(standaloneJvm);
        command.addAll(List.of("-cp", classpath, CeilingApplication.class.getName(), "--server.port=" + ports.ceiling));
        try (Proc ceiling = Proc.start("ceiling", command, work.resolve("ceiling.log"))) {
            ceiling.await("ceiling is up", Duration.ofMinutes(1));
            String ceilingUrl = "http://127.0.0.1:" + ports.ceiling + "/api/v1/reports";
            ceilingWarmup = warmUpUntilCompiled(ceiling, ceilingUrl, origin);
            WrkResult result = wrk(ceilingUrl, origin, wrkDuration(), null);
            // a second run of each side, alternating, and the better of each counts: from one run to the
            // next on these machines either side moved by up to a quarter (2026-12-03: ceiling 20.6k, then 15.6k/s)
            intakeSecond = wrk(intakeUrl, origin, wrkDuration(), sampler);
            WrkResult resultSecond = wrk(ceilingUrl, origin, wrkDuration(), null);
            ceilingRuns = fmt(result.acceptedPerSecond()) + "/s, " + fmt(resultSecond.acceptedPerSecond()) + "/s";
            ceilingMax = Math.max(result.acceptedPerSecond(), resultSecond.acceptedPerSecond());
            // half of the max rate the row reports: known only now, after both of the intake's runs
            rate = halfRate(intake, intakeSecond);
            // the load generator warms up too, against each target before its measured run: both sides alike
            OpenLoad.run(ceilingUrl, origin, "warm", rate, warmup());
            ceilingHalf = OpenLoad.run(ceilingUrl, origin, "half", rate, halfRateDuration());
        }
        // the ceiling's JVM has stopped by now: it does not share the cores with the intake's latency run
        OpenLoad.run(intakeUrl, origin, "warm", rate, warmup());
        OpenLoad.Result intakeHalf = OpenLoad.run(intakeUrl, origin, "half", rate, halfRateDuration());
        String whole = "; with its PostgreSQL server (postmaster of the cluster's postmaster.pid and its descendants): "
                + "the Pss of /proc/PID/smaps_rollup summed over the JVM and those processes (shared pages counted once)";
        rows.add(row("B7", "standalone resident memory idle (JVM / with its PostgreSQL)", fmt(idle) + " MB / " + fmt(idleWhole) + " MB",
                "-", "-", "<= 700 MB", "after start-up: the JVM's VmRSS (the broker runs in it, PostgreSQL does not)" + whole));
        rows.add(row("B7", "standalone resident memory under B1 load (JVM / with its PostgreSQL)", fmt(peak[0]) + " MB / " + fmt(peak[1]) + " MB",
                "-", "-", "<= 1 GB", "max of each, sampled every 0.5 s during the two wrk runs: the JVM's VmRSS" + whole));
        double intakeMax = Math.max(intake.acceptedPerSecond(), intakeSecond.acceptedPerSecond());
        String scale = "wrk -t2 -c" + wrkConnections() + " " + wrkDuration().toSeconds() + " s, closed model, two runs of each side"
                + " alternating (intake, ceiling, intake, ceiling), the better counts: intake " + fmt(intake.acceptedPerSecond())
                + "/s, " + fmt(intakeSecond.acceptedPerSecond()) + "/s; ceiling " + ceilingRuns;
        rows.add(row("B1", "intake accepted/s (HTTP -> Kafka acks=all, 202)", fmt(intakeMax) + "/s",
                fmt(ceilingMax) + "/s (MVC + validation, no Kafka, same JVM flags)", ratio(intakeMax, ceilingMax), ">= 0.7",
                scale + "; non-2xx: " + (intake.non2xx + intakeSecond.non2xx) + " / " + (intake.requests + intakeSecond.requests)
                        + "; warm-up: intake " + intakeWarmup + ", ceiling " + ceilingWarmup));
        rows.add(row("B1", "intake p50 / p99 at half its max rate (" + fmt(rate) + "/s)",
                fmt(intakeHalf.p50Ms()) + " / " + fmt(intakeHalf.p99Ms()) + " ms",
                fmt(ceilingHalf.p50Ms()) + " / " + fmt(ceilingHalf.p99Ms()) + " ms at the same rate", "-", "p99 <= 25 ms",
                "open model (OpenLoad: " + intakeHalf.connections() + " keep-alive connections, latency from the intended start),"
                        + " half of the better wrk run, after all four (ceiling, then intake with the ceiling stopped), "
                        + halfRateDuration().toSeconds() + " s after " + warmup().toSeconds()
                        + " s of warm-up at the same rate; intake " + intakeHalf.summary() + "; ceiling " + ceilingHalf.summary()));
        return intakeMax;
    }

    /**
     * Warms a target up with wrk: the fixed {@link #warmup()}, then rounds of {@link #warmupRound()} until
     * its JIT compilers spent less than 5% of a round compiling (both sides of a ratio are measured
     * compiled; a rate that looks flat between two rounds is not enough: on a slow machine the ceiling
     * stayed at 3,300/s for 20 s and then rose to 10,500/s), at most {@link #warmupLimit()} in all.
     * @return how the warm-up went, for the row's notes
     */
    String warmUpUntilCompiled(Proc target, String url, String origin) throws Exception {
        long started = System.nanoTime();
        wrk(url, origin, warmup(), null);
        List<String> rounds = new ArrayList<>();
        // one jcmd per round: each attaches to the target and costs it CPU while it is being measured
        double jitBefore = target.jitSeconds();
        while (true) {
            double rate = wrk(url, origin, warmupRound(), null).acceptedPerSecond();
            double jitAfter = target.jitSeconds();
            double jit = jitAfter - jitBefore;
            rounds.add(fmt(rate) + "/s");
            boolean compiled = jitBefore >= 0 && jit >= 0 && jit < 0.05 * warmupRound().toSeconds();
            Duration spent = Duration.ofNanos(System.nanoTime() - started);
            System.out.printf("warm-up round of %s: %.0f/s, JIT %.1f s%n", target.name, rate, jit);
            if (compiled || spent.plus(warmupRound()).compareTo(warmupLimit()) > 0) {
                return spent.toSeconds() + " s (" + warmup().toSeconds() + " s, then " + warmupRound().toSeconds() + " s rounds: "
                        + String.join(", ", rounds) + (compiled ? "; JIT done" : "; JIT still busy at the limit") + ")";
            }
            jitBefore = jitAfter;
        }
    }

    /** @return the rate of B1's latency runs: half the intake's max rate, the better of its two runs (as the row gives it) */
    static double halfRate(WrkResult first, WrkResult second) {
        return Math.max(10, Math.max(first.acceptedPerSecond(), second.acceptedPerSecond()) / 2);
    }

    record WrkResult(long requests, long non2xx, double seconds, double requestsPerSecond) {

        double acceptedPerSecond() {
            return requests == 0 ? 0 : requestsPerSecond * (requests - non2xx) / requests;
        }

    }

    WrkResult wrk(String url, String origin, Duration duration, Runnable sampler) throws Exception {
        List<String> command = List.of("wrk", "-t2", "-c" + wrkConnections(), "-d" + duration.toSeconds() + "s",
                "--timeout", "10s", "-s", Path.of("bench/wrk/report.lua").toAbsolutePath().toString(), url, "--", origin);
        try (Proc wrk = Proc.start("wrk", command, work.resolve("wrk-" + System.nanoTime() + ".log"))) {
            AtomicBoolean done = new AtomicBoolean();
            Thread sampling = null;
            if (sampler != null) {
                sampling = new Thread(() -> {
                    while (!done.get()) {
                        sampler.run();
                        try {
                            Thread.sleep(500);
                        }
                        catch (InterruptedException ex) {
                            return;
                        }
                    }
                });
                sampling.start();
            }
            List<String> output = wrk.awaitExit(duration.plusSeconds(30));
            done.set(true);
            if (sampling != null) {
                sampling.join();
            }
            String text = String.join("\n", output);
            long requests = longOf(text, "(\\d+) requests in");
            long non2xx = text.contains("Non-2xx") ? longOf(text, "Non-2xx or 3xx responses: (\\d+)") : 0;
            double rps = Double.parseDouble(group(text, "Requests/sec:\\s+([\\d.]+)"));
            System.out.printf("wrk %s: %d requests, %d non-2xx, %.0f/s%n", url, requests, non2xx, rps);
            return new WrkResult(requests, non2xx, duration.toSeconds(), rps);
        }
    }

    /** B2: ProducerPerformance, same record size, acks=all, on the standalone's broker. */
    void producerCeiling(Ports ports, double intakeAccepted) throws Exception {
        RecordSize recordSize = Backlog.sampleRecordSize(ports.intake);
        int partitions;
        try (Admin admin = admin(ports)) {
            partitions = admin.describeTopics(List.of(Topics.REPORTS)).allTopicNames().get().get(Topics.REPORTS).partitions().size();
            admin.createTopics(List.of(new NewTopic("bench-producer-perf", partitions, (short) 1))).all().get();
        }
        List<String> command = List.of(javaBin(), "-cp", classpath, "org.apache.kafka.tools.ProducerPerformance",
                "--topic", "bench-producer-perf", "--num-records", String.valueOf(producerPerfRecords()),
                "--record-size", String.valueOf(recordSize.total()), "--throughput", "-1",
                "--producer.config", kafkaClientFiles.get(ports.kafka).toString(),
                "--producer-props", "bootstrap.servers=" + ports.bootstrap(), "acks=all");
        try (Proc perf = Proc.start("producer-perf", command, work.resolve("producer-perf.log"))) {
            String text = String.join("\n", perf.awaitExit(Duration.ofMinutes(3)));
            double perSecond = Double.parseDouble(group(text, "records sent, ([\\d.]+) records/sec"));
            rows.add(row("B2", "intake publish path (B1 accepted/s)", fmt(intakeAccepted) + "/s",
                    fmt(perSecond) + "/s ProducerPerformance", ratio(intakeAccepted, perSecond), "report",
                    producerPerfRecords() + " records of " + recordSize.total() + " B, acks=all, the intake's record: its "
                            + recordSize.valueBytes() + " B event and, since ProducerPerformance sends no key, the "
                            + recordSize.keyBytes() + " B of its key (the dedup key) added to the value, "
                            + partitions + " partitions"));
        }
    }

    /** B3 ceiling 1: ConsumerPerformance over the backlog. */
    double consumerCeiling(Ports ports, int messages) throws Exception {
        List<String> command = List.of(javaBin(), "-cp", classpath, "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", ports.bootstrap(), "--topic", Topics.REPORTS, "--messages", String.valueOf(messages),
                "--group", "bench-consumer-perf", "--timeout", "60000",
                "--consumer.config", kafkaClientFiles.get(ports.kafka).toString());
        try (Proc perf = Proc.start("consumer-perf", command, work.resolve("consumer-perf.log"))) {
            List<String> output = perf.awaitExit(Duration.ofMinutes(3));
            for (int i = 0; i < output.size() - 1; i++) {
                if (output.get(i).startsWith("start.time")) {
                    String[] names = output.get(i).split(",\\s*");
                    int v = i + 1;
                    while (v < output.size() && output.get(v).isBlank()) {
                        v++;
                    }
                    String[] values = output.get(v).split(",\\s*");
                    for (int c = 0; c < names.length; c++) {
                        if (names[c].equals("fetch.nMsg.sec")) {
                            return Double.parseDouble(values[c]);
                        }
                    }
                }
            }
            throw new IllegalStateException("ConsumerPerformance output not understood: " + output);
        }
    }

    Connection database(Ports ports) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + ports.postgres + "/spelling", "postgres",
                postgresPasswords.get(ports.postgres));
    }

    /**
     * B3 ceiling 2: a plain JDBC batch insert of the rows the drain stores into copies of the worker's
     * tables: each error with its one variant (the backlog's errors have one selection each) and
     * final count, and each report with the values its event carries (its own receipt time, comment,
     * language, client hash). Measured {@code runs} times; the best run counts ({@link #best}): one
     * run alone moved by up to a third from run to run on the same machine (disk writes of the
     * just-produced backlog, checkpoints).
     * @return each run's reports/s
     */
    List<Double> jdbcCeilingRuns(Ports ports, Backlog backlog, int runs) throws Exception {
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            rates.add(jdbcCeiling(ports, backlog));
        }
        return rates;
    }

    static double best(List<Double> runs) {
        return runs.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }

    double jdbcCeiling(Ports ports, Backlog backlog) throws Exception {
        try (Connection db = database(ports)) {
            try (Statement statement = db.createStatement()) {
                statement.execute("create table bench_error (like spelling_error including all)");
                statement.execute("create table bench_variant (like error_variant including all)");
                statement.execute("create table bench_report (like report including all)");
            }
            db.setAutoCommit(false);
            long started = System.nanoTime();
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement errors = db.prepareStatement("insert into bench_error (id, dedup_key, page_url, page_title, lang,"
                    + " selection, context_before, context_after, report_count, first_reported_at, last_reported_at, shown_variant_id)"
                    + " overriding system value values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement variants = db.prepareStatement("insert into bench_variant (id, error_id, dedup_key,"
                            + " selection, context_before, context_after, report_count, first_reported_at)"
                            + " overriding system value values (?, ?, ?, ?, ?, ?, ?, ?)")) {
                int batched = 0;
                for (int e = 0; e < backlog.errors(); e++) {
                    if (backlog.countOf(e) == 0) {
                        continue;
                    }
                    SpellingErrorReported event = backlog.event(e, UUID.randomUUID(), Instant.now());
                    errors.setLong(1, e + 1);
                    errors.setString(2, event.dedupKey());
                    errors.setString(3, event.pageUrl());
                    errors.setString(4, event.pageTitle());
                    errors.setString(5, event.lang());
                    errors.setString(6, event.selection());
                    errors.setString(7, event.contextBefore());
                    errors.setString(8, event.contextAfter());
                    errors.setInt(9, backlog.countOf(e));
                    errors.setTimestamp(10, now);
                    errors.setTimestamp(11, now);
                    errors.setLong(12, e + 1);
                    errors.addBatch();
                    variants.setLong(1, e + 1);
                    variants.setLong(2, e + 1);
                    variants.setString(3, event.dedupKey());
                    variants.setString(4, event.selection());
                    variants.setString(5, event.contextBefore());
                    variants.setString(6, event.contextAfter());
                    variants.setInt(7, backlog.countOf(e));
                    variants.setTimestamp(8, now);
                    variants.addBatch();
                    if (++batched % 500 == 0) {
                        errors.executeBatch();
                        variants.executeBatch();
                    }
                }
                errors.executeBatch();
                variants.executeBatch();
            }
            try (PreparedStatement insert = db.prepareStatement("insert into bench_report (report_id, error_id, received_at,"
                    + " comment, lang, client_hash) values (?, ?, ?, ?, ?, ?)")) {
                for (int r = 0; r < backlog.reports(); r++) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setLong(2, backlog.errorOfReport(r) + 1);
                    insert.setTimestamp(3, Timestamp.from(Instant.now()));
                    insert.setString(4, Backlog.COMMENT);
                    insert.setString(5, Backlog.LANG);
                    insert.setString(6, Backlog.CLIENT_HASH);
                    insert.addBatch();
                    if ((r + 1) % 500 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            db.commit();
            double seconds = (System.nanoTime() - started) / 1e9;
            db.setAutoCommit(true);
            try (Statement statement = db.createStatement()) {
                statement.execute("drop table bench_report");
                statement.execute("drop table bench_variant");
                statement.execute("drop table bench_error");
            }
            double perSecond = backlog.reports() / seconds;
            System.out.printf("JDBC batch insert: %d errors, their variants and %d reports in %.1f s = %.0f reports/s%n",
                    backlog.distinctErrors(), backlog.reports(), seconds, perSecond);
            return perSecond;
        }
    }

    /**
     * @param duringStartUp reports drained before the standalone's banner (not timed)
     * @param timed reports drained between the first and the last timed reading
     */
    record Drained(double perSecond, double seconds, long lastCommitted, boolean complete, JvmMemory memory,
            double heapAfterGcMb, long duringStartUp, long timed) {

        String timing() {
            return duringStartUp == 0 ? "" : "; timed after start-up (" + duringStartUp + " drained during it)";
        }

    }

    /** One size of B3: its backlog, ceilings and drain. */
    record DrainStep(Backlog backlog, double produced, double consumerCeiling, double jdbcCeiling, Drained drained) {

        int reports() {
            return backlog.reports();
        }

    }

    final List<String> skipped = new ArrayList<>();

    /** Sizes the worker drained before its banner, so they could not be timed by offsets. */
    final java.util.Set<Integer> startUpOnly = new java.util.HashSet<>();

    /**
     * B3 at one size, on a fresh data dir: the backlog is produced and the ceilings measured while the
     * worker's listener is off, then the standalone is restarted and drains it. The first size also runs
     * B5 (the drained errors, then the seeded series) and B6 in the draining standalone.
     */
    DrainStep drainStep(Ports ports, GreenMail smtp, Path data, int reports, boolean first) throws Exception {
        Backlog backlog;
        double consumerCeiling;
        List<Double> jdbcCeilingRuns;
        try (Proc standalone = startStandalone(first ? "standalone-b3-fill" : "standalone-b3-fill-" + reports, data, ports,
                List.of("--spring.kafka.listener.auto-startup=false"))) {
            backlog = Backlog.produce(kafkaClient(ports), reports, reports / 10, ports.intake, "teh", backlogSpan);
            System.out.printf("backlog: %d reports over %d distinct errors, produced at %.0f/s%n", backlog.reports(),
                    backlog.distinctErrors(), backlog.producedPerSecond());
            consumerCeiling = consumerCeiling(ports, backlog.reports());
            jdbcCeilingRuns = jdbcCeilingRuns(ports, backlog, 2);
        }
        smtp.purgeEmailFromAllMailboxes();
        try (Proc standalone = startStandalone(first ? "standalone-b3-drain" : "standalone-b3-drain-" + reports, data, ports, List.of())) {
            Duration timeout = first ? Duration.ofMinutes(quick ? 3 : 9)
                    : Duration.ofSeconds(Math.max(120, 3 * stepCap.toSeconds()));
            Drained drained = drain(standalone, ports, smtp, backlog, consumerCeiling, jdbcCeilingRuns, timeout);
            DrainStep step = new DrainStep(backlog, backlog.producedPerSecond(), consumerCeiling, best(jdbcCeilingRuns), drained);
            if (first) {
                digest(standalone, ports, smtp, "digest of the drained " + backlog.distinctErrors() + " errors over " + backlog.pages() + " pages",
                        backlog.distinctErrors() + " errors of the B3 backlog, as drained");
                endToEnd(ports, backlog);
                digestSeries(standalone, ports, smtp);
            }
            return step;
        }
    }

    /** B3: the worker drains the backlog; timed from the first committed poll to the last; counts checked in SQL. */
    Drained drain(Proc standalone, Ports ports, GreenMail smtp, Backlog backlog, double consumerCeiling,
            List<Double> jdbcCeilingRuns, Duration timeout) throws Exception {
        double jdbcCeiling = best(jdbcCeilingRuns);
        try (Admin admin = admin(ports); Connection db = database(ports); Statement statement = db.createStatement()) {
            Drained drained = timeDrain(standalone, ports, admin, 0, endOffsets(admin), timeout);
            if (drained.timed() == 0 && drained.complete()) {
                // all of it drained before the banner: time it by the rows' stored_at (each poll's transaction start)
                try (ResultSet result = statement.executeQuery("select count(*), extract(epoch from max(stored_at) - min(stored_at))"
                        + " from report")) {
                    result.next();
                    double seconds = result.getDouble(2);
                    drained = new Drained(seconds > 0 ? result.getLong(1) / seconds : 0, seconds, drained.lastCommitted(), true,
                            drained.memory(), drained.heapAfterGcMb(), 0, result.getLong(1));
                }
                startUpOnly.add(backlog.reports());
            }
            DrainCounts counts = DrainCounts.read(db, backlog);
            // the worker's own work besides storing: every error with 5 reports within 30 minutes is hot
            long alerts = single(statement, "select count(*) from hot_alert");
            long alertsMailed = single(statement, "select count(*) from hot_alert where mail_status = 'SENT'");
            // alerts of one desk sent together share a mail (spelling.alerts.max-per-mail)
            long alertMails = Arrays.stream(smtp.getReceivedMessages()).filter(Bench::isAlert).count();
            double lower = Math.min(consumerCeiling, jdbcCeiling);
            boolean issueSize = backlog.reports() >= 1_000_000;
            rows.add(row("B3", "worker drains a backlog of " + count(backlog.reports()) + " reports into PostgreSQL",
                    fmt(drained.perSecond()) + " reports/s (" + fmt(drained.seconds()) + " s)",
                    fmt(consumerCeiling) + "/s ConsumerPerformance; " + fmt(jdbcCeiling) + "/s JDBC batch insert"
                            + jdbcRunsNote(jdbcCeilingRuns),
                    ratio(drained.perSecond(), lower), ">= 0.6 x lower",
                    backlog.reports() + " reports over " + backlog.distinctErrors() + " errors (one report each, the rest Zipf s=1 over "
                            + backlog.errors() + ")" + (issueSize ? "" : " [issue: 1M/100k]")
                            + (backlogSpan.isZero() ? "" : "; receipt times spread evenly over the " + backlogSpan.toHours()
                                    + " h before the backlog was produced")
                            + "; counts exact: " + counts.describe(backlog)
                            + (drained.complete() ? "" : "; NOT drained within " + timeout.toMinutes() + " min")
                            + (startUpOnly.contains(backlog.reports()) ? "; drained entirely during start-up: timed by the rows' stored_at"
                                    : drained.timing())
                            + "; hot-typo alerts recorded by the end: " + alerts + " (" + alertsMailed + " mailed to GreenMail, in "
                                    + alertMails + " mails)"
                            + "; backlog produced at " + fmt(backlog.producedPerSecond()) + "/s; "
                            + drained.memory().describe(drained.heapAfterGcMb())));
            return drained;
        }
    }

    Admin admin(Ports ports) throws IOException {
        return Admin.create(kafkaClient(ports));
    }

    /** @return the settings a Kafka client needs for the standalone's broker on these ports, as it wrote them */
    Properties kafkaClient(Ports ports) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(kafkaClientFiles.get(ports.kafka))) {
            properties.load(reader);
        }
        return properties;
    }

    /** @return the worker's committed offsets on the reports topic, summed over its partitions */
    static long committedOffsets(Admin admin) throws Exception {
        return admin.listConsumerGroupOffsets(WORKER_GROUP).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter((entry) -> entry.getKey().topic().equals(Topics.REPORTS) && entry.getValue() != null)
                .mapToLong((entry) -> entry.getValue().offset()).sum();
    }

    /** @return the end offsets of the reports topic, summed over its partitions */
    static long endOffsets(Admin admin) throws Exception {
        int partitions = admin.describeTopics(List.of(Topics.REPORTS)).allTopicNames().get().get(Topics.REPORTS).partitions().size();
        Map<TopicPartition, OffsetSpec> latest = new java.util.HashMap<>();
        for (int p = 0; p < partitions; p++) {
            latest.put(new TopicPartition(Topics.REPORTS, p), OffsetSpec.latest());
        }
        return admin.listOffsets(latest).all().get().values().stream().mapToLong(ListOffsetsResultInfo::offset).sum();
    }

    /**
     * Polls the worker's committed offsets (cheap for the broker, nothing for PostgreSQL, whatever the size)
     * until they reach {@code target}; timed from the first committed poll after {@code before} to the
     * last. The worker commits a poll's offsets after its database transaction. Memory is sampled
     * meanwhile (RSS every 0.2 s, the heap every 2 s) and read after a full GC at the end.
     */
    Drained timeDrain(Proc standalone, Ports ports, Admin admin, long before, long target, Duration timeout) throws Exception {
        JvmMemory memory = new JvmMemory(standalone, ports.worker, ADMIN_PASSWORD);
        long firstAt = 0;
        long firstCommitted = 0;
        // the listener starts before the banner: what it drained during start-up (which slows it, and
        // more so the smaller the backlog) is left out, the timing starts now
        long upAt = System.nanoTime();
        long atUp = committedOffsets(admin);
        if (atUp > before) {
            firstAt = upAt;
            firstCommitted = atUp;
        }
        long lastAt = 0;
        long lastCommitted = atUp;
        long deadline = System.nanoTime() + timeout.toNanos();
        int polls = 0;
        while (System.nanoTime() < deadline) {
            long committed = committedOffsets(admin);
            long now = System.nanoTime();
            if (committed > before && firstAt == 0) {
                firstAt = now;
                firstCommitted = committed;
            }
            if (committed > lastCommitted) {
                lastAt = now;
                lastCommitted = committed;
            }
            if (polls++ % 10 == 0) {
                memory.sample();
            }
            else {
                memory.sampleRss();
            }
            if (committed >= target) {
                break;
            }
            Thread.sleep(200);
        }
        memory.sample();
        double seconds = (lastAt - firstAt) / 1e9;
        double afterGc = memory.heapAfterFullGcMb();
        return new Drained(seconds > 0 ? (lastCommitted - firstCommitted) / seconds : 0, seconds, lastCommitted,
                lastCommitted >= target, memory, afterGc, atUp - before, lastCommitted - firstCommitted);
    }

    /**
     * B4's drain, measured on the first B3 size's data and reported once the B3 series has run.
     * @param exact whether the hot error's count, its report rows and all report rows are as produced
     */
    record HotDrain(Backlog hot, Drained drained, boolean exact, long count, long hotRows) {
    }

    /**
     * @return the B3 size B4's rate is compared with: the largest drained (the B3 rate grows with the
     *         backlog, so the smallest size's rate made B4's goal, ">= B3's rate", the easiest to meet)
     */
    static DrainStep b4Baseline(List<DrainStep> steps) {
        return steps.stream().max(java.util.Comparator.comparingInt(DrainStep::reports)).orElseThrow();
    }

    /** B4: one hot error, produced while the listener is stopped, then drained. */
    HotDrain hotError(Ports ports, Path data) throws Exception {
        long before;
        long target;
        long reportsBefore;
        Backlog hot;
        try (Proc standalone = startStandalone("standalone-b4-fill", data, ports,
                List.of("--spring.kafka.listener.auto-startup=false"))) {
            hot = Backlog.produce(kafkaClient(ports), hotReports(), 1, ports.intake, "hot", Duration.ZERO);
            try (Admin admin = admin(ports); Connection db = database(ports); Statement statement = db.createStatement()) {
                before = committedOffsets(admin);
                target = endOffsets(admin);
                reportsBefore = single(statement, "select count(*) from report");
            }
        }
        try (Proc standalone = startStandalone("standalone-b4-drain", data, ports, List.of());
                Admin admin = admin(ports); Connection db = database(ports); Statement statement = db.createStatement()) {
            Drained drained = timeDrain(standalone, ports, admin, before, target, Duration.ofMinutes(quick ? 3 : 9));
            long count = single(statement, "select coalesce(max(report_count), 0) from spelling_error where selection = 'hot0'");
            long hotRows = single(statement, "select count(*) from report r join spelling_error e on e.id = r.error_id"
                    + " where e.selection = 'hot0'");
            long reports = single(statement, "select count(*) from report");
            boolean exact = count == hot.reports() && hotRows == hot.reports() && reports == reportsBefore + hot.reports();
            return new HotDrain(hot, drained, exact, count, hotRows);
        }
    }

    /** B4's row: its rate against that of the B3 size {@code b3}. */
    void hotErrorRow(HotDrain b4, DrainStep b3) {
        Drained drained = b4.drained();
        double b3Rate = b3.drained().perSecond();
        String b3Size = "B3 at " + count(b3.reports());
        rows.add(row("B4", "hot error: " + b4.hot().reports() + " reports of one error", fmt(drained.perSecond()) + " reports/s",
                b3Size + ": " + fmt(b3Rate) + "/s; its lower ceiling " + fmt(Math.min(b3.consumerCeiling(), b3.jdbcCeiling())) + "/s",
                ratio(drained.perSecond(), b3Rate) + " of " + b3Size, ">= B3's rate",
                (b4.hot().reports() < 200_000 ? "[issue: 200k]; " : "") + "count exact: "
                        + (b4.exact() ? "yes" : "NO (report_count " + b4.count() + ", rows " + b4.hotRows() + ")")
                        + drained.timing()
                        + "; " + drained.memory().describe(drained.heapAfterGcMb())));
    }

    /** The B3 series in one row: how drain time and worker memory grow with the backlog. */
    void drainScaling(List<DrainStep> steps) {
        DrainStep base = steps.get(0);
        List<String> rates = new ArrayList<>();
        List<String> growths = new ArrayList<>();
        List<String> heaps = new ArrayList<>();
        List<String> rss = new ArrayList<>();
        double worst = 0;
        for (DrainStep step : steps) {
            rates.add(count(step.reports()) + ": " + fmt(step.drained().perSecond()) + "/s");
            heaps.add(count(step.reports()) + ": " + fmt(step.drained().heapAfterGcMb()) + " MB");
            rss.add(count(step.reports()) + ": " + fmt(step.drained().memory().peakRssMb) + " MB");
            if (step != base) {
                // of the reports timed (those drained during start-up are not): time ratio / size ratio
                double growth = growth(step.drained().seconds(), base.drained().seconds(), step.drained().timed(), base.drained().timed());
                worst = Math.max(worst, growth);
                growths.add(count(step.reports()) + "/" + count(base.reports()) + ": time x" + fmt(step.drained().seconds() / base.drained().seconds())
                        + " for size x" + fmt((double) step.drained().timed() / base.drained().timed()) + " = "
                        + String.format(Locale.ROOT, "%.2f", growth));
            }
        }
        rows.add(row("B3", "scaling: drain time growth (time ratio / size ratio) and worker memory per size",
                growths.isEmpty() ? "one size only" : String.join("; ", growths), "-",
                growths.isEmpty() ? "n/a" : String.format(Locale.ROOT, "%.2f", worst), "<= ~1 (linear); heap flat",
                "rates " + String.join(", ", rates) + "; heap after a full GC at the end of each drain " + String.join(", ", heaps)
                        + "; max RSS " + String.join(", ", rss)
                        + (skipped.isEmpty() ? "" : "; not run: " + String.join(", ", skipped))));
    }

    static double growth(double seconds, double baseSeconds, double size, double baseSize) {
        return (seconds / baseSeconds) / (size / baseSize);
    }

    /** "100k", "1M", "1,500". */
    static String count(long n) {
        if (n >= 1_000_000 && n % 1_000_000 == 0) {
            return (n / 1_000_000) + "M";
        }
        if (n >= 1_000 && n % 1_000 == 0) {
            return (n / 1_000) + "k";
        }
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String minutes(double seconds) {
        return seconds < 90 ? fmt(seconds) + " s" : fmt(seconds / 60) + " min";
    }

    static String jdbcRunsNote(List<Double> runs) {
        return (runs.size() < 2) ? ""
                : " (best of " + runs.stream().map((rate) -> fmt(rate) + "/s").collect(Collectors.joining(", ")) + ")";
    }

    static boolean isAlert(MimeMessage message) {
        try {
            return message.getHeader("X-Spelling-Alert-Id") != null;
        }
        catch (jakarta.mail.MessagingException ex) {
            return false;
        }
    }

    /**
     * B5: a digest of what is new in the queue, built, rendered and delivered to GreenMail. The worker's
     * memory around it: the heap after a full GC before and after (what the digest leaves behind), the
     * bytes allocated meanwhile (counted up to the second full GC) and the resident set, sampled every
     * 20 ms from /proc (nothing that costs the standalone CPU while the digest is timed).
     */
    DigestRun digest(Proc standalone, Ports ports, GreenMail smtp, String stage, String scale) throws Exception {
        // hot-typo alerts of the drain also land in this inbox: the digest is the mail with its subject
        smtp.purgeEmailFromAllMailboxes();
        JvmMemory memory = new JvmMemory(standalone, ports.worker, ADMIN_PASSWORD);
        double heapBefore = memory.heapAfterFullGcMb();
        double allocatedBefore = memory.allocatedMb();
        AtomicBoolean timing = new AtomicBoolean(true);
        Thread rssSampler = new Thread(() -> {
            while (timing.get()) {
                memory.sampleRss();
                try {
                    Thread.sleep(20);
                }
                catch (InterruptedException ex) {
                    return;
                }
            }
        }, "b5-rss");
        rssSampler.setDaemon(true);
        rssSampler.start();
        HttpClient client = HttpClient.newHttpClient();
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.worker + "/api/v1/digests"))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        double answered = (System.nanoTime() - started) / 1e9;
        MimeMessage mail = null;
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (mail == null && System.nanoTime() < deadline) {
            for (MimeMessage message : smtp.getReceivedMessages()) {
                String subject = message.getSubject();
                if (subject != null && subject.startsWith(DIGEST_SUBJECT)) {
                    mail = message;
                }
            }
            if (mail == null) {
                Thread.sleep(20);
            }
        }
        double delivered = (System.nanoTime() - started) / 1e9;
        timing.set(false);
        rssSampler.join();
        double heapAfter = memory.heapAfterFullGcMb();
        double allocatedAfter = memory.allocatedMb();
        double allocated = (allocatedBefore < 0 || allocatedAfter < 0) ? -1 : allocatedAfter - allocatedBefore;
        long size = -1;
        if (mail != null) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            mail.writeTo(bytes);
            size = bytes.size();
        }
        DigestRun run = new DigestRun(mail == null ? Double.NaN : delivered, size, heapBefore, heapAfter, allocated, memory.peakRssMb);
        rows.add(row("B5", stage,
                (mail == null ? "not received" : fmt(delivered) + " s to SMTP; mail " + fmt(size / 1024.0) + " KiB"),
                "-", "-", "<= 5 s; size bounded",
                scale + "; POST /api/v1/digests answered " + response.statusCode() + " in " + fmt(answered) + " s; GreenMail on 127.0.0.1; "
                        + run.describeMemory()));
        return run;
    }

    /**
     * One B5 digest.
     * @param seconds from the request to the mail in GreenMail (NaN: none came)
     * @param bytes the mail's size (-1: none)
     * @param heapBeforeMb heap after a full GC before the digest (-1: not read)
     * @param heapAfterMb heap after a full GC after it (-1: not read)
     * @param allocatedMb allocated by the whole JVM in between (-1: not read)
     * @param maxRssMb the standalone's largest resident set while the digest was timed
     */
    record DigestRun(double seconds, long bytes, double heapBeforeMb, double heapAfterMb, double allocatedMb, double maxRssMb) {

        String describeMemory() {
            return "worker heap after a full GC before / after " + mb(heapBeforeMb) + " / " + mb(heapAfterMb)
                    + ", allocated meanwhile " + mb(allocatedMb) + ", standalone max RSS " + mb(maxRssMb);
        }

        static String mb(double value) {
            return value < 0 ? "n/a" : fmt(value) + " MB";
        }

    }

    /**
     * The B5 series: for each size, the queue is settled as if a digest had gone out (digested_report_count =
     * report_count), then that many errors, ten to a page, with their reports, are seeded by SQL into the
     * worker's tables (the rows a drain would have written: same columns, texts and dedup keys, a
     * Zipf-like report count, one "bench" comment per report), and a digest is built and delivered.
     */
    void digestSeries(Proc standalone, Ports ports, GreenMail smtp) throws Exception {
        List<DigestRun> results = new ArrayList<>();
        int[] sizes = digestSizes();
        for (int errors : sizes) {
            int reports;
            try (Connection db = database(ports)) {
                reports = DigestSeed.seed(db, errors, "http://127.0.0.1:" + ports.intake);
            }
            results.add(digest(standalone, ports, smtp, "digest of " + count(errors) + " errors over " + count(errors / 10) + " pages",
                    "seeded by SQL: " + errors + " errors, " + reports + " reports" + (errors >= 10_000 ? "" : " [issue: 10k errors / 1k pages]")));
        }
        List<String> growths = new ArrayList<>();
        List<String> perError = new ArrayList<>();
        double worst = 0;
        for (int i = 0; i < sizes.length; i++) {
            DigestRun run = results.get(i);
            perError.add(count(sizes[i]) + ": " + fmt(run.bytes() / (double) sizes[i] / 1024.0 * 1000) + " KiB per 1,000 errors");
            if (i > 0) {
                double growth = growth(run.seconds(), results.get(0).seconds(), sizes[i], sizes[0]);
                worst = Math.max(worst, Double.isNaN(growth) ? worst : growth);
                growths.add(count(sizes[i]) + "/" + count(sizes[0]) + ": time x" + fmt(run.seconds() / results.get(0).seconds())
                        + " for size x" + fmt((double) sizes[i] / sizes[0]) + " = " + String.format(Locale.ROOT, "%.2f", growth));
            }
        }
        DigestRun smallest = results.get(0);
        DigestRun largest = results.get(results.size() - 1);
        String allocatedGrowth = (smallest.allocatedMb() <= 0 || largest.allocatedMb() < 0) ? ""
                : " (x" + fmt(largest.allocatedMb() / smallest.allocatedMb()) + " for size x" + fmt((double) sizes[sizes.length - 1] / sizes[0]) + ")";
        rows.add(row("B5", "scaling: digest time growth (time ratio / size ratio), mail size and worker memory per size",
                String.join("; ", growths), "-", String.format(Locale.ROOT, "%.2f", worst), "<= ~1 (linear); mail size bounded",
                "mail " + String.join(", ", perError) + " (a bounded mail shrinks per error as the queue grows); per size "
                        + Arrays.stream(sizes).mapToObj(Bench::count).collect(Collectors.joining(" / "))
                        + ": worker heap after a full GC " + joinMb(results, DigestRun::heapAfterMb)
                        + ", allocated during the digest " + joinMb(results, DigestRun::allocatedMb) + allocatedGrowth
                        + ", standalone max RSS " + joinMb(results, DigestRun::maxRssMb)));
    }

    private static String joinMb(List<DigestRun> runs, ToDoubleFunction<DigestRun> figure) {
        return runs.stream().map((run) -> figure.applyAsDouble(run) < 0 ? "n/a" : fmt(figure.applyAsDouble(run)))
                .collect(Collectors.joining(" / ")) + " MB";
    }

    /** B6: reports at a fixed rate, accepted -> stored in the moderation queue. */
    void endToEnd(Ports ports, Backlog backlog) throws Exception {
        String origin = "http://127.0.0.1:" + ports.intake;
        // The drain standalone's intake has not answered a request yet: the same rate first, so that the
        // HTTP figure is the intake's and not its JIT compiler's. Its reports are stored but not measured.
        OpenLoad.Result warmUp = OpenLoad.run(origin + "/api/v1/reports", origin, "e2e-warmup", e2eRate(), e2eWarmUp());
        Instant from = Instant.now();
        OpenLoad.Result sent = OpenLoad.run(origin + "/api/v1/reports", origin, "e2e", e2eRate(), e2eDuration());
        long expected = backlog.reports() + warmUp.accepted() + sent.accepted();
        Duration wait = Duration.ofSeconds(60);
        try (Connection db = database(ports); Statement statement = db.createStatement()) {
            long deadline = System.nanoTime() + wait.toNanos();
            while (single(statement, "select count(*) from report") < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            E2eLatency.Result result = E2eLatency.read(db, from, sent.accepted());
            rows.add(row("B6", "end to end at " + e2eRate() + " reports/s: accepted -> stored in the queue table",
                    "p50 " + fmt(result.p50() * 1000) + " ms / p99 " + fmt(result.p99() * 1000) + " ms",
                    "-", "-", "p99 <= 2 s",
                    e2eDuration().toSeconds() + " s after " + e2eWarmUp().toSeconds() + " s of warm-up at the same rate; "
                            + result.stored() + " of " + sent.accepted() + " accepted stored, " + result.missing()
                            + " missing after " + wait.toSeconds() + " s (counted as infinitely late: a percentile among them is n/a)"
                            + "; from the intake's receivedAt to "
                            + (result.commitTimes() ? "the commit of the transaction that stored the row (track_commit_timestamp)"
                                    : "the row's stored_at, the start of the transaction that stored it, before its insert and"
                                            + " commit (track_commit_timestamp is off)")
                            + ", both stamped on this machine; the table `GET /api/v1/errors` reads, not a poll of the API; HTTP p99 "
                            + fmt(sent.p99Ms()) + " ms"));
        }
    }

    static long single(Statement statement, String sql) throws SQLException {
        try (ResultSet result = statement.executeQuery(sql)) {
            result.next();
            return result.getLong(1);
        }
    }

    // ---------------------------------------------------------------- output

    void report() throws IOException {
        StringBuilder text = new StringBuilder();
        String host = hostName();
        text.append("## spelling-reports benchmark, ").append(quick ? "quick" : "full").append(" run\n\n");
        text.append("- date: ").append(Instant.now()).append("\n");
        text.append("- host: ").append(host).append(", ").append(Runtime.getRuntime().availableProcessors())
                .append(" cores, ").append(memTotal()).append(" memory\n");
        text.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append("\n");
        text.append("- command: `bench/run.sh").append(command.isEmpty() ? "" : " " + command).append("`\n\n");
        text.append("| id | stage | figure | ceiling (same run) | ratio | goal | scale / notes |\n");
        text.append("|---|---|---|---|---|---|---|\n");
        for (String[] row : rows) {
            text.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        for (String note : notes) {
            text.append("\n").append(note).append("\n");
        }
        System.out.println();
        System.out.println(text);
        Files.createDirectories(out);
        Path file = out.resolve(resultFileName(Instant.now(), host, quick, label));
        Files.writeString(file, text);
        System.out.println("written to " + file + " (logs in " + work + ")");
    }

    /** @return the name of a run's result file: its UTC date and time to the minute, so that a later run does not overwrite it */
    static String resultFileName(Instant now, String host, boolean quick, String label) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm'utc'", Locale.ROOT).withZone(ZoneOffset.UTC).format(now)
                + "-" + host + (quick ? "-quick" : "") + label + ".md";
    }

    static String[] row(String... cells) {
        return cells;
    }

    static String fmt(double value) {
        if (Double.isInfinite(value) || Double.isNaN(value)) {
            return "n/a";
        }
        return value >= 100 ? String.format(Locale.ROOT, "%,.0f", value) : String.format(Locale.ROOT, "%.1f", value);
    }

    static String ratio(double value, double ceiling) {
        return ceiling <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", value / ceiling);
    }

    static String group(String text, String regex) {
        Matcher matcher = java.util.regex.Pattern.compile(regex).matcher(text);
        if (!matcher.find()) {
            throw new IllegalStateException("'" + regex + "' not found in:\n" + text);
        }
        return matcher.group(1);
    }

    static long longOf(String text, String regex) {
        return Long.parseLong(group(text, regex));
    }

    static String javaBin() {
        return jdkTool("java");
    }

    /** A tool of the JDK this bench runs on, e.g. {@code jcmd}. */
    static String jdkTool(String name) {
        return Path.of(System.getProperty("java.home"), "bin", name).toString();
    }

    static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        }
        catch (IOException ex) {
            return "unknown-host";
        }
    }

    static String memTotal() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return fmt(Long.parseLong(line.replaceAll("\\D", "")) / 1024.0 / 1024.0) + " GiB";
                }
            }
        }
        catch (IOException ex) {
            // not Linux
        }
        return "unknown";
    }

    /** Free loopback ports for everything the bench starts. */
    record Ports(int intake, int worker, int kafka, int controller, int postgres, int smtp, int ceiling) {

        static Ports free() throws IOException {
            int[] ports = new int[7];
            List<ServerSocket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < ports.length; i++) {
                    ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                    sockets.add(socket);
                    ports[i] = socket.getLocalPort();
                }
            }
            finally {
                for (ServerSocket socket : sockets) {
                    socket.close();
                }
            }
            return new Ports(ports[0], ports[1], ports[2], ports[3], ports[4], ports[5], ports[6]);
        }

        String bootstrap() {
            return "127.0.0.1:" + kafka;
        }

    }

    /** The B3 backlog: every error reported, Zipf-like popularity over them ({@link #plan}), errors ten to a page. */
    record Backlog(int reports, int errors, int[] counts, int[] plan, String origin, long seed, String tag, double[] produceRate) {

        /** Every report's comment (the values a report carries besides its error and receipt time). */
        static final String COMMENT = "bench";

        /** Every report's page language. */
        static final String LANG = "en";

        /** Every report's client hash, shaped like the intake's (an HMAC-SHA256 in 64 lower-case hex characters). */
        static final String CLIENT_HASH = "be0c4c11e47a5b3f9d2a6e8f0b1c7d3e5a9f2b4c6d8e0f1a3b5c7d9e1f2a4b6c";

        double producedPerSecond() {
            return produceRate[0];
        }

        int distinctErrors() {
            int distinct = 0;
            for (int count : counts) {
                distinct += count > 0 ? 1 : 0;
            }
            return distinct;
        }

        int pages() {
            java.util.Set<Integer> pages = new java.util.HashSet<>();
            for (int e = 0; e < errors; e++) {
                if (counts[e] > 0) {
                    pages.add(e / 10);
                }
            }
            return pages.size();
        }

        int countOf(int error) {
            return counts[error];
        }

        /** The error of the backlog's report {@code report}: for the JDBC ceiling, the same rows as the drain's. */
        int errorOfReport(int report) {
            return plan[report];
        }

        /**
         * @return the error (0 to {@code errors - 1}) of each report, in the order they are produced: one
         *         report of every error, the rest drawn by Zipf-like (s = 1) popularity, as {@link DigestSeed}
         *         does (Zipf alone over 100k errors leaves a fifth of them without a report in 1M), all
         *         shuffled, so that new errors come throughout the backlog as they would to a worker that was
         *         away, not all in its first polls; fewer reports than errors: that many distinct errors
         */
        static int[] plan(int reports, int errors, long seed) {
            Random random = new Random(seed);
            int[] everyError = new int[errors];
            for (int e = 0; e < errors; e++) {
                everyError[e] = e;
            }
            for (int e = errors - 1; e > 0; e--) {
                int other = random.nextInt(e + 1);
                int kept = everyError[e];
                everyError[e] = everyError[other];
                everyError[other] = kept;
            }
            int[] plan = new int[reports];
            int first = Math.min(reports, errors);
            System.arraycopy(everyError, 0, plan, 0, first);
            Zipf zipf = Zipf.of(errors);
            for (int r = first; r < reports; r++) {
                plan[r] = zipf.sample(random);
            }
            for (int r = reports - 1; r > 0; r--) {
                int other = random.nextInt(r + 1);
                int kept = plan[r];
                plan[r] = plan[other];
                plan[other] = kept;
            }
            return plan;
        }

        static int[] countsOf(int[] plan, int errors) {
            int[] counts = new int[errors];
            for (int error : plan) {
                counts[error]++;
            }
            return counts;
        }

        /** @return the error's selection, which tells the backlog's errors apart in the worker's tables */
        String selection(int error) {
            return tag + error;
        }

        SpellingErrorReported event(int error, UUID reportId, Instant receivedAt) {
            return event(error, reportId, receivedAt, null);
        }

        /** @param dedupKey the error's key if already known (computing it hashes the canonical texts) */
        SpellingErrorReported event(int error, UUID reportId, Instant receivedAt, String dedupKey) {
            String pageUrl = origin + "/articles/page-" + (error / 10);
            String selection = selection(error);
            String before = "A sentence on page " + (error / 10) + " with ";
            String after = " in the middle of it.";
            return new SpellingErrorReported(SpellingErrorReported.CURRENT_SCHEMA_VERSION, reportId,
                    (dedupKey != null) ? dedupKey : DedupKey.of(pageUrl, before, selection, after), pageUrl,
                    "Bench article " + (error / 10), LANG, selection, before, after, COMMENT, receivedAt, CLIENT_HASH);
        }

        /** @return the sizes of the intake's record for one of the backlog's reports: its key (the dedup key) and value */
        static RecordSize sampleRecordSize(int intakePort) {
            Backlog sample = new Backlog(1, 1, new int[1], new int[1], "http://127.0.0.1:" + intakePort, 1, "teh", new double[1]);
            SpellingErrorReported event = sample.event(0, UUID.randomUUID(), Instant.now());
            try (JacksonJsonSerializer<SpellingErrorReported> serializer = new JacksonJsonSerializer<>()) {
                return new RecordSize(event.dedupKey().getBytes(StandardCharsets.UTF_8).length,
                        serializer.serialize(Topics.REPORTS, event).length);
            }
        }

        /**
         * Writes the backlog like the intake would (key = dedupKey, JSON without type headers, acks=all),
         * batched (linger 10 ms, 256 KiB batches) so that producing a million records takes seconds; each
         * error's dedup key is computed once.
         * @param span over how long the reports' receipt times spread, evenly, ending now (zero: each
         *        received as it is produced)
         */
        static Backlog produce(Properties kafkaClient, int reports, int errors, int intakePort, String tag, Duration span)
                throws Exception {
            int[] plan = plan(reports, errors, 42);
            Backlog backlog = new Backlog(reports, errors, countsOf(plan, errors), plan, "http://127.0.0.1:" + intakePort, 42, tag,
                    new double[1]);
            String[] keys = new String[errors];
            Properties properties = new Properties();
            properties.putAll(kafkaClient);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
            properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 262144);
            properties.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
            JacksonJsonSerializer<SpellingErrorReported> values = new JacksonJsonSerializer<>();
            values.setAddTypeInfo(false);
            java.util.concurrent.atomic.AtomicReference<Exception> failure = new java.util.concurrent.atomic.AtomicReference<>();
            long started = System.nanoTime();
            Instant spanStart = Instant.now().minus(span);
            try (KafkaProducer<String, SpellingErrorReported> producer = new KafkaProducer<>(properties, new StringSerializer(), values)) {
                for (int r = 0; r < reports && failure.get() == null; r++) {
                    int error = plan[r];
                    Instant receivedAt = span.isZero() ? Instant.now() : spanStart.plus(span.multipliedBy(r).dividedBy(reports));
                    SpellingErrorReported event = backlog.event(error, UUID.randomUUID(), receivedAt, keys[error]);
                    keys[error] = event.dedupKey();
                    producer.send(new ProducerRecord<>(Topics.REPORTS, event.dedupKey(), event), (metadata, ex) -> {
                        if (ex != null) {
                            failure.compareAndSet(null, ex);
                        }
                    });
                }
                producer.flush();
            }
            if (failure.get() != null) {
                throw new IllegalStateException("backlog record not written", failure.get());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            backlog.produceRate[0] = reports / seconds;
            System.out.printf("backlog of %d produced in %.1f s%n", reports, seconds);
            return backlog;
        }

    }

    /** The bytes of a record's key and value. */
    record RecordSize(int keyBytes, int valueBytes) {

        int total() {
            return keyBytes + valueBytes;
        }

    }

    /** Zipf(s = 1) over n ranks by inverse CDF. */
    record Zipf(double[] cdf) {

        private static final Map<Integer, Zipf> CACHE = new java.util.concurrent.ConcurrentHashMap<>();

        static Zipf of(int n) {
            return CACHE.computeIfAbsent(n, (size) -> {
                double[] cdf = new double[size];
                double sum = 0;
                for (int k = 0; k < size; k++) {
                    sum += 1.0 / (k + 1);
                    cdf[k] = sum;
                }
                for (int k = 0; k < size; k++) {
                    cdf[k] /= sum;
                }
                return new Zipf(cdf);
            });
        }

        int sample(Random random) {
            int index = java.util.Arrays.binarySearch(cdf, random.nextDouble());
            return Math.min(cdf.length - 1, index >= 0 ? index : -index - 1);
        }

    }

}
