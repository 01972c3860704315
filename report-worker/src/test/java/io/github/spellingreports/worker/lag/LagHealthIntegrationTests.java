package io.github.spellingreports.worker.lag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import io.github.spellingreports.worker.BusyScheduler;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The worker's own lag (group spring.kafka.consumer.group-id) through its API, its health
 * contributor and its Prometheus gauges.
 */
class LagHealthIntegrationTests extends WorkerIntegrationTestSupport {

    private static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(30);

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    LagMonitor monitor;

    @Autowired
    LagProperties properties;

    @Autowired
    TaskScheduler scheduler;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    private RestClient management() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + this.managementPort)
                .defaultHeaders((headers) -> headers.setBasicAuth(ADMIN_USERNAME, ADMIN_PASSWORD)).build();
    }

    private Response get(RestClient client, String uri) {
        return client.get().uri(uri).exchange((request, response) -> new Response(response.getStatusCode().value(),
                response.bodyTo(String.class)), true);
    }

    @Test
    void healthGoesDownWhileTheConsumerStallsButReadinessStaysUp() throws Exception {
        MessageListenerContainer container = this.listeners.getListenerContainer("report-pipeline");
        container.pause();
        try {
            await().atMost(PATIENCE).until(container::isContainerPaused);
            publishReport();
            LagReport report = null;
            for (int sample = 0; sample < this.properties.window(); sample++) {
                report = this.monitor.sampleScheduled();
            }
            assertThat(report.totalLag()).isPositive();
            assertThat(report.members()).isPositive();
            assertThat(report.status()).isEqualTo(LagStatus.STALL);

            Response lag = get(management(), "/actuator/health/lag");
            assertThat(lag.status()).isEqualTo(503);
            assertThat(lag.body()).contains("\"status\":\"DOWN\"").contains("\"STALL\"").contains("\"totalLag\"");
            // the overall health answers from its last run for up to management.endpoint.health.cache.time-to-live
            await().atMost(PATIENCE).untilAsserted(
                    () -> assertThat(get(management(), "/actuator/health").status()).isEqualTo(503));
            Response readiness = get(management(), "/actuator/health/readiness");
            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.body()).doesNotContain("lag");
            assertThat(gauges(scrape())).containsEntry("spelling_lag_group_status", 2.0);
        }
        finally {
            container.resume();
        }
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.monitor.sample().status()).isEqualTo(LagStatus.OK));
        Response lag = get(management(), "/actuator/health/lag");
        assertThat(lag.status()).isEqualTo(200);
        assertThat(lag.body()).contains("\"status\":\"UP\"");
    }

    @Test
    void lagApiAnswersPerPartitionForTheAdminOnly() {
        RestClient api = RestClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
        assertThat(get(api, "/api/v1/lag").status()).isEqualTo(401);
        Response lag = get(api.mutate().defaultHeaders((headers) -> headers.setBasicAuth(ADMIN_USERNAME, ADMIN_PASSWORD))
                .build(), "/api/v1/lag?fresh=true");
        assertThat(lag.status()).isEqualTo(200);
        assertThat(lag.body()).contains("\"group\":\"spelling-worker\"").contains("\"topic\":\"spelling-reports\"")
                .contains("\"partition\":2").contains("\"lagSeconds\"").contains("\"deadLetters\"");
    }

    /**
     * The worker's jobs share one scheduler thread; a long one (a retention run, a digest build) held
     * the lag samples up, and their age then said the broker did not answer. They run on a thread of
     * their own.
     */
    @Test
    void lagIsSampledWhileTheWorkersSchedulerIsBusy() throws Exception {
        this.monitor.sample();
        Instant before = this.monitor.latest().orElseThrow().sampledAt();
        try (BusyScheduler busy = BusyScheduler.occupy(this.scheduler)) {
            await().atMost(this.properties.interval().multipliedBy(3))
                    .until(() -> this.monitor.latest().orElseThrow().sampledAt().isAfter(before));
        }
    }

    /** Parses the scrape as Prometheus text, checks the lag gauges, and keeps it for promtool. */
    @Test
    void prometheusScrapeHasTheLagGaugesPerPartition() throws IOException {
        this.monitor.sample();
        String scrape = scrape();
        Map<String, Double> gauges = gauges(scrape);
        for (int partition = 0; partition < 3; partition++) {
            assertThat(gauges).containsKey("spelling_lag_records{partition=\"" + partition + "\"}");
            assertThat(gauges).containsKey("spelling_lag_seconds{partition=\"" + partition + "\"}");
            assertThat(gauges).containsKey("spelling_lag_status{partition=\"" + partition + "\"}");
        }
        assertThat(gauges).containsKeys("spelling_lag_group_records", "spelling_lag_group_seconds",
                "spelling_lag_group_members", "spelling_dlt_records", "spelling_digest_last_success_seconds",
                "spelling_digest_pending", "spelling_lag_sample_age_seconds");
        // sampled just now: a broker that stops answering would leave it growing, the other gauges unchanged
        assertThat(gauges.get("spelling_lag_sample_age_seconds")).isNotNaN().isGreaterThanOrEqualTo(0.0)
                .isLessThan(this.properties.interval().toSeconds() * 2.0);
        assertThat(scrape).contains("# TYPE spelling_lag_records gauge");
        Path sample = Path.of("target", "prometheus-sample.txt");
        Files.createDirectories(sample.getParent());
        Files.writeString(sample, scrape);
    }

    private String scrape() {
        Response scrape = get(management(), "/actuator/prometheus");
        assertThat(scrape.status()).isEqualTo(200);
        return scrape.body();
    }

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{[^}]*\\})?) (\\S+)(?: \\d+)?$");

    /** A small parser of the text format: every line is a comment or "name{labels} value"; anything else fails. */
    private static Map<String, Double> gauges(String scrape) {
        Map<String, Double> samples = new HashMap<>();
        for (String line : scrape.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = SAMPLE.matcher(line);
            assertThat(matcher.matches()).as("Prometheus sample line: %s", line).isTrue();
            String name = matcher.group(1).replaceAll("\\{(.*)}", "{$1}");
            samples.put(stripOtherLabels(name), Double.parseDouble(matcher.group(2).replace("+Inf", "Infinity")
                    .replace("-Inf", "-Infinity")));
        }
        return samples;
    }

    /** Keeps only the partition label, so the keys do not depend on common tags (application, ...). */
    private static String stripOtherLabels(String name) {
        int brace = name.indexOf('{');
        if (brace < 0) {
            return name;
        }
        Matcher partition = Pattern.compile("partition=\"\\d+\"").matcher(name);
        return name.substring(0, brace) + (partition.find() ? "{" + partition.group() + "}" : "");
    }

    private void publishReport() throws Exception {
        String page = "https://news.example.com/" + UUID.randomUUID();
        SpellingErrorReported report = new SpellingErrorReported(SpellingErrorReported.CURRENT_SCHEMA_VERSION,
                UUID.randomUUID(), DedupKey.of(page, "The ", "teh", " end."), page, "Lag", "en", "teh", "The ",
                " end.", null, Instant.now(), "h4sh");
        JacksonJsonSerializer<SpellingErrorReported> json = new JacksonJsonSerializer<>();
        json.setAddTypeInfo(false);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REPORTS, report.dedupKey(), json.serialize(Topics.REPORTS, report)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    record Response(int status, String body) {
    }

}
