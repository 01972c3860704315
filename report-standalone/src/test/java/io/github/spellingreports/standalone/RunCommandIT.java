package io.github.spellingreports.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.testsupport.LoopbackPorts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's run command as the build leaves it: the extracted jar ({@code target/standalone/}, written in the
 * package phase) started with the README's JVM flags in a JVM of its own, on free ports and a fresh data dir. It
 * must come up, accept the README's example report, show it in the queue API, and stop on SIGTERM with its
 * PostgreSQL. Runs in the integration-test phase (Failsafe), after the jar exists.
 */
class RunCommandIT {

    static final Path JAR = Path.of("target/standalone/report-standalone.jar");

    /** The README's example report; its page is on the intake's own origin, which the standalone allows. */
    static final String README_REPORT = """
            {"pageUrl": "http://localhost:%d/demo", "pageTitle": "Demo", "lang": "en",
             "contextBefore": "Readers who ", "selection": "recieve", "contextAfter": " our newsletter",
             "comment": "i before e"}""";

    @TempDir
    Path work;

    Process standalone;

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() throws Exception {
        if (standalone != null && standalone.isAlive()) {
            standalone.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // a PostgreSQL left behind by a standalone that did not stop cleanly, by the PID it wrote
        postmaster().ifPresent(ProcessHandle::destroy);
    }

    @Test
    void theReadmeRunCommandStartsTheProductThatAcceptsAndStoresAReport() throws Exception {
        Ports ports = Ports.free();
        Path data = work.resolve("data");
        Path log = work.resolve("standalone.log");
        standalone = start(ports, data, log);
        int intake = ports.intake();
        int worker = ports.worker();
        assertThat(Files.readString(log)).as("the banner's addresses").contains(
                " Worker console  http://localhost:" + worker + "/",
                " Metrics         http://localhost:" + worker + "/actuator/prometheus , http://localhost:" + intake
                        + "/actuator/prometheus  (worker: the admin; SPELLING_WORKER_METRICS_PASSWORD adds a user metrics");

        send(intake, README_REPORT.formatted(intake));
        String basic = admin(data);
        await("the report in the queue API").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(queue(worker, basic, "recieve"))
                        .contains("\"selection\":\"recieve\"", "\"reportCount\":1", "i before e"));
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker + "/actuator/prometheus"))
                .header("Authorization", basic).build();
        assertThat(http.send(metrics, HttpResponse.BodyHandlers.ofString()).body()).as("the banner's metrics address")
                .contains("spelling_worker_records_total");

        Optional<ProcessHandle> postgres = postmaster();
        assertThat(postgres).as("PostgreSQL's PID in its data dir").isPresent();
        standalone.destroy();
        assertThat(standalone.waitFor(60, TimeUnit.SECONDS)).as("stopped within 60 s of SIGTERM; log:%n%s", tail(log)).isTrue();
        await("PostgreSQL stopped with the standalone").atMost(Duration.ofSeconds(30)).until(() -> !postgres.get().isAlive());
    }

    /**
     * {@code kill -9} of the standalone, as the kernel's out-of-memory killer does it: no shutdown hook, its
     * PostgreSQL left running, its consumer still a member of the group the broker keeps on disk. The README's run
     * command starts it again; a report sent then is stored at once. A new member of the group would wait until
     * the dead consumer's session timed out; the session is made long here (two minutes, 45 s by default) so that
     * the difference cannot be mistaken for a slow machine.
     */
    @Test
    void afterKillMinus9TheRestartedStandaloneStoresReportsAtOnce() throws Exception {
        Ports ports = Ports.free();
        Path data = work.resolve("data");
        Map<String, String> longSession = Map.of("SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", "120000");
        standalone = start(ports, data, work.resolve("standalone.log"), longSession);
        send(ports.intake(), README_REPORT.formatted(ports.intake()));
        String basic = admin(data);
        await("the first report in the queue API").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(queue(ports.worker(), basic, "recieve")).contains("\"reportCount\":1"));

        standalone.destroyForcibly();
        assertThat(standalone.waitFor(30, TimeUnit.SECONDS)).as("killed").isTrue();
        standalone = start(ports, data, work.resolve("standalone-restarted.log"), longSession);
        send(ports.intake(), README_REPORT.formatted(ports.intake()).replace("i before e", "after the crash"));
        await("the report sent after the restart in the queue API, long before the dead consumer's session ends")
                .atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                        assertThat(queue(ports.worker(), basic, "recieve")).contains("\"reportCount\":2", "after the crash"));
    }

    /** {@code --help} prints the settings and {@code --version} the version; they start nothing: no data directory, exit 0. */
    @Test
    void helpPrintsTheSettingsAndVersionTheVersionAndNeitherStartsAnything() throws Exception {
        Path output = work.resolve("help.txt");
        Process help = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "--help")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(help.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(help.exitValue()).isZero();
        assertThat(Files.readString(output)).startsWith("spelling-reports standalone: ")
                .contains("Usage: java -Xmx512m -XX:+UseSerialGC -jar report-standalone.jar",
                        "--spelling.standalone.data-dir=./data");
        assertThat(work.resolve("data")).doesNotExist();

        Process version = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", JAR.toAbsolutePath().toString(), "--version")
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertThat(version.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(version.exitValue()).isZero();
        assertThat(Files.readString(output)).as("the version in the jar's manifest").matches("spelling-reports standalone [0-9][^ ]*\\R");
        assertThat(work.resolve("data")).doesNotExist();
    }

    Process start(Ports ports, Path data, Path log) throws IOException {
        return start(ports, data, log, Map.of());
    }

    /** The README's run command on the given ports and data directory, until its banner says it is up. */
    Process start(Ports ports, Path data, Path log, Map<String, String> environment) throws IOException {
        assertThat(JAR).as("the build's extracted standalone (package phase)").exists();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                "--spelling.standalone.data-dir=" + data,
                "--spelling.standalone.intake-port=" + ports.intake(),
                "--spelling.standalone.worker-port=" + ports.worker(),
                "--spelling.standalone.kafka-port=" + ports.kafka(),
                "--spelling.standalone.kafka-controller-port=" + ports.kafkaController(),
                "--spelling.standalone.smtp-port=" + ports.smtp()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        await("the banner").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(process.isAlive()).as("standalone running; its log:%n%s", tail(log)).isTrue();
            return Files.readString(log).contains("spelling-reports standalone is up");
        });
        return process;
    }

    void send(int intake, String report) throws Exception {
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake + "/api/v1/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(report)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    }

    String queue(int worker, String basic, String search) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker + "/api/v1/errors?q=" + search))
                .header("Authorization", basic).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    static String admin(Path data) throws IOException {
        return "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + Files.readString(data.resolve("admin-password")).strip()).getBytes(StandardCharsets.UTF_8));
    }

    Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = work.resolve("data/postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Files.readAllLines(pidFile).stream().findFirst()
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.strip())));
    }

    record Ports(int intake, int worker, int kafka, int kafkaController, int smtp) {

        static Ports free() {
            return new Ports(LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free(), LoopbackPorts.free(),
                    LoopbackPorts.free());
        }

    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

}
