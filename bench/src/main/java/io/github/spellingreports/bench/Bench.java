package io.github.spellingreports.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import org.springframework.kafka.support.serializer.JacksonJsonSerializer;

/**
 * Runs every benchmark beside its ceiling and prints a Markdown table. See bench/README.md.
 * Arguments: {@code --jar=PATH --out=DIR [--quick]}.
 */
public final class Bench {

    static final String ADMIN_PASSWORD = "bench-admin-password";

    final boolean quick;

    /** For development only: skip B7/B1/B2 and start at B3. */
    boolean fromB3;

    final Path jar;

    /** JVM options of the standalone under test ({@code --standalone-jvm="-Xmx512m -XX:+UseSerialGC"}); none: JVM defaults. */
    List<String> standaloneJvm = List.of();

    final Path out;

    final Path work;

    final String classpath;

    final List<String[]> rows = new ArrayList<>();

    final List<String> notes = new ArrayList<>();

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
        List<String> standaloneJvm = List.of();
        Path jar = Path.of("report-standalone/target/report-standalone.jar");
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
        }
        Bench bench = new Bench(quick, jar, out);
        bench.fromB3 = fromB3;
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

    Duration warmup() { return Duration.ofSeconds(quick ? 3 : 10); }

    Duration halfRateDuration() { return Duration.ofSeconds(quick ? 5 : 20); }

    int wrkConnections() { return 32; }

    int producerPerfRecords() { return quick ? 20_000 : 200_000; }

    int backlogReports() { return quick ? 10_000 : 100_000; }

    int backlogErrors() { return backlogReports() / 10; }

    int hotReports() { return quick ? 5_000 : 20_000; }

    int e2eRate() { return quick ? 100 : 500; }

    Duration e2eDuration() { return Duration.ofSeconds(quick ? 5 : 20); }

    // ---------------------------------------------------------------- the run

    void run() throws Exception {
        System.out.printf("spelling-reports bench (%s) in %s%n", quick ? "quick" : "full", work);
        Ports ports = Ports.free();
        GreenMail smtp = new GreenMail(new ServerSetup(ports.smtp, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            Path data1 = work.resolve("data-b1");
            if (!fromB3) {
                // The worker's listener stays off: B1 measures the intake, not the intake racing the worker
                // for the same two cores while it drains what the intake just accepted.
                try (Proc standalone = startStandalone("standalone-b1", data1, ports,
                        List.of("--spring.kafka.listener.auto-startup=false"))) {
                    double b1Max = footprintAndIntake(standalone, ports);
                    producerCeiling(ports, b1Max);
                }
            }
            Path data3 = work.resolve("data-b3");
            Backlog backlog;
            double consumerCeiling;
            double jdbcCeiling;
            try (Proc standalone = startStandalone("standalone-b3-fill", data3, ports,
                    List.of("--spring.kafka.listener.auto-startup=false"))) {
                backlog = Backlog.produce(ports.bootstrap(), backlogReports(), backlogErrors(), ports.intake, "teh");
                System.out.printf("backlog: %d reports over %d distinct errors%n", backlog.reports(), backlog.distinctErrors());
                consumerCeiling = consumerCeiling(ports, backlog.reports());
                jdbcCeiling = jdbcCeiling(ports, backlog);
            }
            try (Proc standalone = startStandalone("standalone-b3-drain", data3, ports, List.of())) {
                drain(standalone, ports, backlog, consumerCeiling, jdbcCeiling);
                digest(ports, smtp, backlog);
                endToEnd(ports, backlog);
            }
            hotError(ports, data3, consumerCeiling, jdbcCeiling, drainRate);
        }
        finally {
            smtp.stop();
        }
    }

    Proc startStandalone(String name, Path data, Ports ports, List<String> extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(javaBin()));
        command.addAll(standaloneJvm);
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
                "--spelling.intake.rate-limit.enabled=false"));
        command.addAll(extra);
        Proc proc = Proc.start(name, command, work.resolve(name + ".log"));
        double ready = proc.await("spelling-reports standalone is up", Duration.ofMinutes(3));
        System.out.printf("%s up in %.1f s (pid %d)%n", name, ready, proc.pid());
        if (name.equals("standalone-b1")) {
            rows.add(row("B7", "standalone ready: `java -jar` to banner, first start", fmt(ready) + " s", "-", "-", "<= 20 s",
                    "fresh data dir (Kafka storage format + initdb + Flyway); "
                            + (standaloneJvm.isEmpty() ? "JVM defaults, no flags" : "JVM flags " + String.join(" ", standaloneJvm))));
        }
        if (name.equals("standalone-b3-drain")) {
            rows.add(row("B7", "standalone ready: `java -jar` to banner, restart", fmt(ready) + " s", "-", "-", "<= 20 s",
                    "existing data dir; the worker's listener starts draining the B3 backlog meanwhile"));
        }
        return proc;
    }

    /** B7 footprint and B1 intake vs the MVC ceiling. @return the intake's max accepted/s */
    double footprintAndIntake(Proc standalone, Ports ports) throws Exception {
        Thread.sleep(3000); // let start-up work settle before the idle reading
        double idle = standalone.rssMb();
        String intakeUrl = "http://127.0.0.1:" + ports.intake + "/api/v1/reports";
        String origin = "http://127.0.0.1:" + ports.intake;
        wrk(intakeUrl, origin, warmup(), null);
        double[] peak = {0};
        WrkResult intake = wrk(intakeUrl, origin, wrkDuration(), () -> peak[0] = Math.max(peak[0], standalone.rssMb()));
        rows.add(row("B7", "standalone resident memory idle", fmt(idle) + " MB", "-", "-", "<= 700 MB", "VmRSS after start-up (broker + PostgreSQL child processes not included)"));
        rows.add(row("B7", "standalone resident memory under B1 load", fmt(peak[0]) + " MB", "-", "-", "<= 1 GB", "max VmRSS sampled every 0.5 s during the wrk run"));
        double ceilingMax;
        OpenLoad.Result ceilingHalf;
        double rate = Math.max(10, intake.acceptedPerSecond() / 2);
        OpenLoad.Result intakeHalf = OpenLoad.run(intakeUrl, origin, "half", rate, halfRateDuration());
        List<String> command = List.of(javaBin(), "-cp", classpath, CeilingApplication.class.getName(),
                "--server.port=" + ports.ceiling);
        try (Proc ceiling = Proc.start("ceiling", command, work.resolve("ceiling.log"))) {
            ceiling.await("ceiling is up", Duration.ofMinutes(1));
            String ceilingUrl = "http://127.0.0.1:" + ports.ceiling + "/api/v1/reports";
            wrk(ceilingUrl, origin, warmup(), null);
            WrkResult result = wrk(ceilingUrl, origin, wrkDuration(), null);
            ceilingMax = result.acceptedPerSecond();
            ceilingHalf = OpenLoad.run(ceilingUrl, origin, "half", rate, halfRateDuration());
        }
        String scale = "wrk -t2 -c" + wrkConnections() + " " + wrkDuration().toSeconds() + " s, closed model";
        rows.add(row("B1", "intake accepted/s (HTTP -> Kafka acks=all, 202)", fmt(intake.acceptedPerSecond()) + "/s",
                fmt(ceilingMax) + "/s (MVC + validation, no Kafka)", ratio(intake.acceptedPerSecond(), ceilingMax), ">= 0.7",
                scale + "; non-2xx: " + intake.non2xx + " / " + intake.requests));
        rows.add(row("B1", "intake p50 / p99 at half its max rate (" + fmt(rate) + "/s)",
                fmt(intakeHalf.p50Ms()) + " / " + fmt(intakeHalf.p99Ms()) + " ms",
                fmt(ceilingHalf.p50Ms()) + " / " + fmt(ceilingHalf.p99Ms()) + " ms at the same rate", "-", "p99 <= 25 ms",
                "open model, Java HttpClient, " + halfRateDuration().toSeconds() + " s; failed " + intakeHalf.failed() + " / " + intakeHalf.sent()));
        return intake.acceptedPerSecond();
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
        int recordSize = Backlog.sampleRecordSize(ports.intake);
        int partitions;
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, ports.bootstrap()))) {
            partitions = admin.describeTopics(List.of(Topics.REPORTS)).allTopicNames().get().get(Topics.REPORTS).partitions().size();
            admin.createTopics(List.of(new NewTopic("bench-producer-perf", partitions, (short) 1))).all().get();
        }
        List<String> command = List.of(javaBin(), "-cp", classpath, "org.apache.kafka.tools.ProducerPerformance",
                "--topic", "bench-producer-perf", "--num-records", String.valueOf(producerPerfRecords()),
                "--record-size", String.valueOf(recordSize), "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + ports.bootstrap(), "acks=all");
        try (Proc perf = Proc.start("producer-perf", command, work.resolve("producer-perf.log"))) {
            String text = String.join("\n", perf.awaitExit(Duration.ofMinutes(3)));
            double perSecond = Double.parseDouble(group(text, "records sent, ([\\d.]+) records/sec"));
            rows.add(row("B2", "intake publish path (B1 accepted/s)", fmt(intakeAccepted) + "/s",
                    fmt(perSecond) + "/s ProducerPerformance", ratio(intakeAccepted, perSecond), "report",
                    producerPerfRecords() + " records of " + recordSize + " B (the intake's event size), acks=all, "
                            + partitions + " partitions"));
        }
    }

    /** B3 ceiling 1: ConsumerPerformance over the backlog. */
    double consumerCeiling(Ports ports, int messages) throws Exception {
        List<String> command = List.of(javaBin(), "-cp", classpath, "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server", ports.bootstrap(), "--topic", Topics.REPORTS, "--messages", String.valueOf(messages),
                "--group", "bench-consumer-perf", "--timeout", "60000");
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
        return DriverManager.getConnection("jdbc:postgresql://localhost:" + ports.postgres + "/spelling", "postgres", "");
    }

    /** B3 ceiling 2: plain JDBC batch insert of the same rows into copies of the worker's tables. @return reports/s */
    double jdbcCeiling(Ports ports, Backlog backlog) throws Exception {
        try (Connection db = database(ports)) {
            try (Statement statement = db.createStatement()) {
                statement.execute("create table bench_error (like spelling_error including all)");
                statement.execute("create table bench_report (like report including all)");
            }
            db.setAutoCommit(false);
            long started = System.nanoTime();
            Timestamp now = Timestamp.from(Instant.now());
            try (PreparedStatement insert = db.prepareStatement("insert into bench_error (id, dedup_key, page_url, page_title, lang,"
                    + " selection, context_before, context_after, report_count, first_reported_at, last_reported_at)"
                    + " overriding system value values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                int batched = 0;
                for (int e = 0; e < backlog.errors(); e++) {
                    if (backlog.countOf(e) == 0) {
                        continue;
                    }
                    SpellingErrorReported event = backlog.event(e, UUID.randomUUID(), Instant.now());
                    insert.setLong(1, e + 1);
                    insert.setString(2, event.dedupKey());
                    insert.setString(3, event.pageUrl());
                    insert.setString(4, event.pageTitle());
                    insert.setString(5, event.lang());
                    insert.setString(6, event.selection());
                    insert.setString(7, event.contextBefore());
                    insert.setString(8, event.contextAfter());
                    insert.setInt(9, backlog.countOf(e));
                    insert.setTimestamp(10, now);
                    insert.setTimestamp(11, now);
                    insert.addBatch();
                    if (++batched % 500 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            try (PreparedStatement insert = db.prepareStatement("insert into bench_report (report_id, error_id, received_at,"
                    + " comment, lang, client_hash) values (?, ?, ?, ?, ?, ?)")) {
                Random random = new Random(7);
                for (int r = 0; r < backlog.reports(); r++) {
                    insert.setObject(1, UUID.randomUUID());
                    insert.setLong(2, backlog.errorOfReport(r, random) + 1);
                    insert.setTimestamp(3, now);
                    insert.setString(4, "bench");
                    insert.setString(5, "en");
                    insert.setString(6, "bench");
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
                statement.execute("drop table bench_error");
            }
            double perSecond = backlog.reports() / seconds;
            System.out.printf("JDBC batch insert: %d errors + %d reports in %.1f s = %.0f reports/s%n",
                    backlog.distinctErrors(), backlog.reports(), seconds, perSecond);
            return perSecond;
        }
    }

    double drainRate;

    record Drained(double perSecond, long lastCount, double peakRssMb) {
    }

    /** Polls the report count until {@code target}; timed from the first new stored report to the last. */
    Drained timeDrain(Proc standalone, Statement statement, long before, long target) throws Exception {
        long firstAt = 0;
        long firstCount = 0;
        long lastCount = 0;
        long deadline = System.nanoTime() + Duration.ofMinutes(quick ? 3 : 9).toNanos();
        double peak = 0;
        while (System.nanoTime() < deadline) {
            long count = single(statement, "select count(*) from report");
            peak = Math.max(peak, standalone.rssMb());
            if (count > before && firstAt == 0) {
                firstAt = System.nanoTime();
                firstCount = count;
            }
            lastCount = count;
            if (count >= target) {
                break;
            }
            Thread.sleep(200);
        }
        double seconds = (System.nanoTime() - firstAt) / 1e9;
        return new Drained((lastCount - firstCount) / seconds, lastCount, peak);
    }

    /** B4: one hot error, produced while the listener is stopped, then drained. */
    void hotError(Ports ports, Path data, double consumerCeiling, double jdbcCeiling, double b3Rate) throws Exception {
        long before;
        Backlog hot;
        try (Proc standalone = startStandalone("standalone-b4-fill", data, ports,
                List.of("--spring.kafka.listener.auto-startup=false"))) {
            hot = Backlog.produce(ports.bootstrap(), hotReports(), 1, ports.intake, "hot");
            try (Connection db = database(ports); Statement statement = db.createStatement()) {
                before = single(statement, "select count(*) from report");
            }
        }
        try (Proc standalone = startStandalone("standalone-b4-drain", data, ports, List.of());
                Connection db = database(ports); Statement statement = db.createStatement()) {
            Drained drained = timeDrain(standalone, statement, before, before + hot.reports());
            long count = single(statement, "select coalesce(max(report_count), 0) from spelling_error where selection = 'hot0'");
            long rows = single(statement, "select count(*) from report r join spelling_error e on e.id = r.error_id"
                    + " where e.selection = 'hot0'");
            boolean exact = count == hot.reports() && rows == hot.reports() && drained.lastCount() == before + hot.reports();
            rows_add("B4", "hot error: " + hot.reports() + " reports of one error", fmt(drained.perSecond()) + " reports/s",
                    "B3: " + fmt(b3Rate) + "/s; lower ceiling " + fmt(Math.min(consumerCeiling, jdbcCeiling)) + "/s",
                    ratio(drained.perSecond(), b3Rate) + " of B3", ">= B3's rate",
                    "[scaled down from 200k]; count exact: " + (exact ? "yes" : "NO (report_count " + count + ", rows " + rows + ")"));
        }
    }

    void rows_add(String... cells) {
        rows.add(cells);
    }

    /** B3: the worker drains the backlog; timed from the first stored report to the last. */
    void drain(Proc standalone, Ports ports, Backlog backlog, double consumerCeiling, double jdbcCeiling) throws Exception {
        try (Connection db = database(ports); Statement statement = db.createStatement()) {
            Drained drained = timeDrain(standalone, statement, 0, backlog.reports());
            double perSecond = drained.perSecond();
            long lastCount = drained.lastCount();
            double peak = drained.peakRssMb();
            this.drainRate = perSecond;
            long errors = single(statement, "select count(*) from spelling_error");
            long reportCountSum = single(statement, "select coalesce(sum(report_count), 0) from spelling_error");
            boolean exact = lastCount == backlog.reports() && errors == backlog.distinctErrors()
                    && reportCountSum == backlog.reports();
            double lower = Math.min(consumerCeiling, jdbcCeiling);
            rows.add(row("B3", "worker drains backlog into PostgreSQL", fmt(perSecond) + " reports/s",
                    fmt(consumerCeiling) + "/s ConsumerPerformance; " + fmt(jdbcCeiling) + "/s JDBC batch insert",
                    ratio(perSecond, lower), ">= 0.6 x lower",
                    backlog.reports() + " reports over " + backlog.distinctErrors() + " errors (Zipf s=1 over "
                            + backlog.errors() + ") [scaled down from 1M/100k]; counts exact: "
                            + (exact ? "yes" : "NO (" + lastCount + " reports, " + errors + " errors, sum " + reportCountSum + ")")
                            + "; standalone max RSS " + fmt(peak) + " MB"));
        }
    }

    /** B5: digest of the drained errors, built, rendered and delivered to GreenMail. */
    void digest(Ports ports, GreenMail smtp, Backlog backlog) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        String auth = Base64.getEncoder().encodeToString(("admin:" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        long started = System.nanoTime();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.worker + "/api/v1/digests"))
                .header("Authorization", "Basic " + auth).timeout(Duration.ofMinutes(2))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        double answered = (System.nanoTime() - started) / 1e9;
        boolean received = smtp.waitForIncomingEmail(120_000, 1);
        double delivered = (System.nanoTime() - started) / 1e9;
        long size = -1;
        if (received) {
            MimeMessage[] messages = smtp.getReceivedMessages();
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            messages[messages.length - 1].writeTo(bytes);
            size = bytes.size();
        }
        rows.add(row("B5", "digest of " + backlog.distinctErrors() + " errors over " + backlog.pages() + " pages",
                fmt(delivered) + " s to SMTP; mail " + (size < 0 ? "not received" : fmt(size / 1024.0) + " KiB"),
                "-", "-", "<= 5 s; size bounded",
                "POST /api/v1/digests answered " + response.statusCode() + " in " + fmt(answered) + " s; GreenMail on 127.0.0.1"
                        + " [scaled down from 10k errors / 1k pages]"));
    }

    /** B6: reports at a fixed rate, accepted -> stored in the moderation queue. */
    void endToEnd(Ports ports, Backlog backlog) throws Exception {
        Instant from = Instant.now();
        String origin = "http://127.0.0.1:" + ports.intake;
        OpenLoad.Result sent = OpenLoad.run(origin + "/api/v1/reports", origin, "e2e", e2eRate(), e2eDuration());
        long expected = backlog.reports() + sent.accepted();
        try (Connection db = database(ports); Statement statement = db.createStatement()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (single(statement, "select count(*) from report") < expected && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            try (PreparedStatement query = db.prepareStatement("select count(*),"
                    + " percentile_cont(0.5) within group (order by extract(epoch from stored_at - received_at)),"
                    + " percentile_cont(0.99) within group (order by extract(epoch from stored_at - received_at))"
                    + " from report where received_at >= ?")) {
                query.setTimestamp(1, Timestamp.from(from));
                try (ResultSet result = query.executeQuery()) {
                    result.next();
                    rows.add(row("B6", "end to end at " + e2eRate() + " reports/s: accepted -> in the queue",
                            "p50 " + fmt(result.getDouble(2) * 1000) + " ms / p99 " + fmt(result.getDouble(3) * 1000) + " ms",
                            "-", "-", "p99 <= 2 s",
                            e2eDuration().toSeconds() + " s; " + result.getLong(1) + " of " + sent.accepted()
                                    + " accepted stored; from the intake's receivedAt to the row's stored_at (both stamped on"
                                    + " this machine); HTTP p99 " + fmt(sent.p99Ms()) + " ms"));
                }
            }
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
        text.append("- command: `bench/run.sh").append(quick ? " --quick" : "").append("`\n\n");
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
        Path file = out.resolve(LocalDate.now() + "-" + host + (quick ? "-quick" : "") + ".md");
        Files.writeString(file, text);
        System.out.println("written to " + file + " (logs in " + work + ")");
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
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
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

    /** The B3 backlog: Zipf-like popularity over errors, errors ten to a page. */
    record Backlog(int reports, int errors, int[] counts, String origin, long seed, String tag) {

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

        /** Same distribution as the backlog (not the same sequence): for the JDBC ceiling. */
        int errorOfReport(int report, Random random) {
            return Zipf.of(errors).sample(random);
        }

        SpellingErrorReported event(int error, UUID reportId, Instant receivedAt) {
            String pageUrl = origin + "/articles/page-" + (error / 10);
            String selection = tag + error;
            String before = "A sentence on page " + (error / 10) + " with ";
            String after = " in the middle of it.";
            return new SpellingErrorReported(SpellingErrorReported.CURRENT_SCHEMA_VERSION, reportId,
                    DedupKey.of(pageUrl, before, selection, after), pageUrl, "Bench article " + (error / 10), "en",
                    selection, before, after, "bench", receivedAt, "bench-client-hash");
        }

        static int sampleRecordSize(int intakePort) {
            Backlog sample = new Backlog(1, 1, new int[1], "http://127.0.0.1:" + intakePort, 1, "teh");
            try (JacksonJsonSerializer<SpellingErrorReported> serializer = new JacksonJsonSerializer<>()) {
                return serializer.serialize(Topics.REPORTS, sample.event(0, UUID.randomUUID(), Instant.now())).length;
            }
        }

        static Backlog produce(String bootstrap, int reports, int errors, int intakePort, String tag) throws Exception {
            Backlog backlog = new Backlog(reports, errors, new int[errors], "http://127.0.0.1:" + intakePort, 42, tag);
            Zipf zipf = Zipf.of(errors);
            Random random = new Random(backlog.seed);
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.LINGER_MS_CONFIG, 10);
            properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 131072);
            JacksonJsonSerializer<SpellingErrorReported> values = new JacksonJsonSerializer<>();
            values.setAddTypeInfo(false);
            long started = System.nanoTime();
            try (KafkaProducer<String, SpellingErrorReported> producer = new KafkaProducer<>(properties, new StringSerializer(), values)) {
                for (int r = 0; r < reports; r++) {
                    int error = zipf.sample(random);
                    backlog.counts[error]++;
                    SpellingErrorReported event = backlog.event(error, UUID.randomUUID(), Instant.now());
                    producer.send(new ProducerRecord<>(Topics.REPORTS, event.dedupKey(), event), (metadata, ex) -> {
                        if (ex != null) {
                            throw new IllegalStateException("backlog record not written", ex);
                        }
                    });
                }
                producer.flush();
            }
            System.out.printf("backlog produced in %.1f s%n", (System.nanoTime() - started) / 1e9);
            return backlog;
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
