package io.github.spellingreports.worker.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.Topics;
import io.github.spellingreports.testsupport.AxeAudit;
import io.github.spellingreports.testsupport.HeadlessChromium;
import io.github.spellingreports.testsupport.Screenshots;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.github.spellingreports.worker.deadletter.DeadLetter;
import io.github.spellingreports.worker.deadletter.DeadLetterService;
import io.github.spellingreports.worker.lag.LagHistory;
import io.github.spellingreports.worker.lag.LagMonitor;
import io.github.spellingreports.worker.lag.LagPoint;
import io.github.spellingreports.worker.lag.LagStatus;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The ops pages in a real headless Chromium, as an administrator: the lag page draws its chart
 * under the console's CSP (no violation in the browser's log), and a dead letter is replayed with
 * the page's own form (its CSRF token). Saves screenshots
 * (target/screenshots; with -Dscreenshots.update=true the lag page also to docs/screenshots).
 */
class OpsConsoleBrowserIntegrationTests extends WorkerIntegrationTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    LagHistory history;

    @Autowired
    LagMonitor monitor;

    @Autowired
    DeadLetterService deadLetters;

    @Autowired
    EmbeddedKafkaBroker broker;

    HeadlessChromium chromium;

    WebDriver browser;

    @BeforeEach
    void startBrowser() {
        this.chromium = HeadlessChromium.window(1280, 1500);
        this.browser = this.chromium.driver();
        this.browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
    }

    @AfterEach
    void stopBrowser() {
        if (this.chromium != null) {
            this.chromium.close();
        }
    }

    @Test
    void adminSeesTheLagChartDrawnWithoutCspViolations() throws Exception {
        lastHourWithAnIncident();
        this.monitor.sample();
        login();
        this.browser.findElement(By.linkText("Lag")).click();
        await().untilAsserted(() -> assertThat(this.browser.getCurrentUrl()).endsWith("/console/ops/lag"));

        WebElement chart = this.browser.findElement(By.id("lag-chart"));
        assertThat(chart.getSize().getWidth()).isGreaterThan(600);
        assertThat(chart.getSize().getHeight()).isGreaterThan(150);
        assertThat(chart.findElements(By.cssSelector("polyline.line-records"))).isNotEmpty();
        assertThat(chart.findElements(By.cssSelector("rect.band-stall"))).isNotEmpty();
        // the stylesheet, not an attribute, colours the line: proof the CSS reached the SVG
        assertThat(chart.findElement(By.cssSelector("polyline.line-records")).getCssValue("stroke"))
                .isEqualTo("rgb(37, 99, 235)");
        assertThat(this.browser.findElements(By.cssSelector("#partitions tbody tr"))).hasSize(3);
        assertThat(this.browser.manage().logs().get(LogType.BROWSER).getAll()).extracting(LogEntry::getMessage)
                .noneMatch((message) -> message.contains("Content Security Policy"));
        Screenshots.saveForDocs(this.chromium.driver(), "console-lag.png");

        this.browser.findElement(By.id("refresh")).click();
        await().untilAsserted(() -> assertThat(this.browser.getCurrentUrl()).endsWith("/console/ops/lag?fresh=true"));
    }

    @Test
    void adminReplaysADeadLetterFromThePage() throws Exception {
        String key = DedupKey.of("https://news.example.com/" + UUID.randomUUID(), "a", "b", "c");
        // cut off after a long comment: taller than the page's payload box, which then scrolls
        String poison = "{\"schemaVersion\":1,\"selection\":\"<script>alert(1)</script>\",\n\"comment\":\""
                + "a reader's comment over many lines\n".repeat(40) + "and cut";
        send(key, poison);
        DeadLetter letter = await().atMost(Duration.ofSeconds(30)).until(() -> this.deadLetters.list(false).letters().stream()
                .filter((listed) -> key.equals(listed.key())).findFirst().orElse(null), (found) -> found != null);
        login();
        this.browser.findElement(By.linkText("Dead letters")).click();
        await().untilAsserted(() -> assertThat(this.browser.getCurrentUrl()).endsWith("/console/ops/dead-letters"));
        WebElement article = this.browser.findElement(By.id("dl-" + letter.partition() + "-" + letter.offset()));
        assertThat(article.findElement(By.cssSelector("pre.payload")).getText()).isEqualTo(poison);
        Screenshots.save(this.chromium.driver(), "console-dead-letters.png");
        // a keyboard scrolls the payload too, and a screen reader names it (WCAG 2.x A and AA, best practices)
        assertThat(AxeAudit.violations(this.browser)).as("axe-core's findings").isEmpty();

        article.findElement(By.cssSelector("button.replay")).click();
        await().untilAsserted(() -> assertThat(this.browser.findElement(By.cssSelector(".flash-ok")).getText())
                .startsWith("Dead letter " + letter.partition() + "/" + letter.offset() + " replayed"));
        assertThat(this.browser.findElements(By.id("dl-" + letter.partition() + "-" + letter.offset()))).isEmpty();
    }

    private void send(String key, String value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REPORTS, key, value.getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

    /** An hour of samples every 15 s: quiet, a backlog building (WARN), a stuck consumer (STALL), recovery. */
    private void lastHourWithAnIncident() {
        Instant start = Instant.now().minus(Duration.ofMinutes(59)).truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < 232; i++) {
            Instant at = start.plusSeconds(15L * i);
            long lag;
            LagStatus status;
            if (i < 80) {
                lag = (i % 9 == 0) ? 2 : 0;
                status = LagStatus.OK;
            }
            else if (i < 120) {
                lag = (i - 80) * 3L;
                status = (i < 90) ? LagStatus.OK : LagStatus.WARN;
            }
            else if (i < 160) {
                lag = 120;
                status = (i < 130) ? LagStatus.WARN : LagStatus.STALL;
            }
            else {
                lag = Math.max(0, 120 - (i - 160) * 8L);
                status = LagStatus.OK;
            }
            // the oldest waiting report ages while nothing is consumed, and gets younger as the backlog drains
            double seconds = (lag == 0) ? 0 : (i < 160) ? (i - 80) * 15.0 : Math.max(0, 1200 - (i - 160) * 80.0);
            this.history.add(new LagPoint(at, lag, seconds, status));
        }
    }

    private void login() {
        ConsoleLogin.login(this.browser, "http://127.0.0.1:" + this.port, ADMIN_USERNAME, ADMIN_PASSWORD);
    }

}
