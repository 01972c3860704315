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
        assertThat(JAR).as("the build's extracted standalone (package phase)").exists();
        int intake = LoopbackPorts.free();
        int worker = LoopbackPorts.free();
        Path data = work.resolve("data");
        Path log = work.resolve("standalone.log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-XX:+UseSerialGC", "-jar", JAR.toString(),
                "--spelling.standalone.data-dir=" + data,
                "--spelling.standalone.intake-port=" + intake,
                "--spelling.standalone.worker-port=" + worker,
                "--spelling.standalone.kafka-port=" + LoopbackPorts.free(),
                "--spelling.standalone.kafka-controller-port=" + LoopbackPorts.free(),
                "--spelling.standalone.smtp-port=" + LoopbackPorts.free()));
        standalone = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();

        await("the banner").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(standalone.isAlive()).as("standalone running; its log:%n%s", tail(log)).isTrue();
            return Files.readString(log).contains("spelling-reports standalone is up");
        });
        assertThat(Files.readString(log)).as("the banner's addresses").contains(
                " Worker console  http://localhost:" + worker + "/",
                " Metrics         http://localhost:" + worker + "/actuator/prometheus , http://localhost:" + intake
                        + "/actuator/prometheus  (worker: the admin; SPELLING_WORKER_METRICS_PASSWORD adds a user metrics");

        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + intake + "/api/v1/reports"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(README_REPORT.formatted(intake))).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);

        String basic = "Basic " + Base64.getEncoder().encodeToString(
                ("admin:" + Files.readString(data.resolve("admin-password")).strip()).getBytes(StandardCharsets.UTF_8));
        HttpRequest queue = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + worker + "/api/v1/errors?q=recieve"))
                .header("Authorization", basic).build();
        await("the report in the queue API").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(http.send(queue, HttpResponse.BodyHandlers.ofString()).body())
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

    Optional<ProcessHandle> postmaster() throws IOException {
        Path pidFile = work.resolve("data/postgres/postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Files.readAllLines(pidFile).stream().findFirst()
                .flatMap(pid -> ProcessHandle.of(Long.parseLong(pid.strip())));
    }

    static String tail(Path log) throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    }

}
