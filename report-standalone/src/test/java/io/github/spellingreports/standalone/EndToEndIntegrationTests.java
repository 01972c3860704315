package io.github.spellingreports.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.github.spellingreports.testsupport.HeadlessChromium;
import io.github.spellingreports.testsupport.LoopbackPorts;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.interactions.Actions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The product end to end, as a reader and an editor meet it: reports sent over HTTP to the intake
 * travel through the real in-process KRaft broker into the worker's queue on the embedded
 * PostgreSQL, and come out in one digest mail delivered to a real SMTP server (GreenMail, set as
 * {@code spring.mail.host}, which also replaces the standalone's local inbox).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EndToEndIntegrationTests {

    private static final String ADMIN_PASSWORD = "end-to-end-password";

    private static final String PAGE = "http://localhost:%d/news/2026/11/capital";

    private static final JsonMapper json = JsonMapper.builder().build();

    @TempDir
    static Path dataDir;

    private final GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());

    private Standalone standalone;

    @BeforeAll
    void start() {
        this.smtp.start();
        String[] args = { "--spelling.standalone.data-dir=" + dataDir,
                "--spelling.standalone.intake-port=" + LoopbackPorts.free(),
                "--spelling.standalone.worker-port=" + LoopbackPorts.free(),
                "--spelling.standalone.kafka-port=" + LoopbackPorts.free(),
                "--spelling.standalone.kafka-controller-port=" + LoopbackPorts.free(),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + this.smtp.getSmtp().getPort(),
                "--spelling.digest.recipients=editors@example.com",
                "--spelling.worker.admin.password=" + ADMIN_PASSWORD };
        StandaloneSettings settings = StandaloneSettings.load(StandaloneSettings.environment(args));
        this.standalone = new Standalone(settings, StandaloneSettings.environment(args), args).start();
    }

    @AfterAll
    void stop() {
        if (this.standalone != null) {
            this.standalone.close();
        }
        this.smtp.stop();
    }

    @Test
    @Order(1)
    void duplicateReportsBecomeOneErrorWithTheirCountInTheQueueAndInTheDigestMail() throws Exception {
        assertThat(this.standalone.inbox()).as("a configured mail server replaces the local inbox").isEmpty();
        String page = PAGE.formatted(this.standalone.settings().intakePort());
        String before = "Everyone who follows the news knows that the capital of ";
        String after = " is Astana, and has been since 1997.";
        UUID first = UUID.randomUUID();
        report(first, page, before, "Kazakstan", after, "It is spelled Kazakhstan");
        // the same error: white space, Unicode composition and share-link decorations differ
        report(UUID.randomUUID(), page + "/?utm_source=newsletter&fbclid=xyz#comments",
                before.replace(" the capital", "  the\u00A0capital"), " Kazakstan ", after.replace(" and", "\n and"), null);
        report(UUID.randomUUID(), page.replace("http://localhost", "HTTP://LOCALHOST"), before, "Kazakstan", after,
                "Missing h");
        // a retried submission of the first report is the same report, not a fourth one
        report(first, page, before, "Kazakstan", after, "It is spelled Kazakhstan");
        // another error, whose selection reaches the queue in composed form
        report(UUID.randomUUID(), page, "The minister visited a ", "cafe\u0301e", " near the square.", null);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode queue = queue();
            assertThat(queue.get("totalElements").asInt()).isEqualTo(2);
            JsonNode top = queue.get("content").get(0);
            assertThat(top.get("selection").asString()).isEqualTo("Kazakstan");
            assertThat(top.get("reportCount").asInt()).isEqualTo(3);
            assertThat(top.get("pageUrl").asString()).isEqualTo(page);
            assertThat(top.get("comments").toString()).contains("It is spelled Kazakhstan", "Missing h");
            assertThat(queue.get("content").get(1).get("selection").asString()).isEqualTo("caf\u00e9e");
        });

        JsonNode digest = json.readTree(worker().post().uri("/api/v1/digests").retrieve().body(String.class));
        assertThat(digest.get("status").asString()).isEqualTo("SENT");
        assertThat(digest.get("errors").asInt()).isEqualTo(2);
        assertThat(digest.get("reports").asInt()).isEqualTo(4);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.smtp.getReceivedMessages()).hasSize(1));
        MimeMessage mail = this.smtp.getReceivedMessages()[0];
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("editors@example.com");
        MimeMultipart alternative = (MimeMultipart) mail.getContent();
        String text = (String) alternative.getBodyPart(0).getContent();
        String html = (String) alternative.getBodyPart(1).getContent();
        assertThat(alternative.getBodyPart(0).getContentType()).startsWith("text/plain");
        assertThat(alternative.getBodyPart(1).getContentType()).startsWith("text/html");
        assertThat(text).contains(">>Kazakstan<<", "3 reports", "It is spelled Kazakhstan", "Missing h",
                "#:~:text=", ">>caf\u00e9e<<");
        assertThat(html).contains(">Kazakstan</mark>", "3 reports", "It is spelled Kazakhstan", "Missing h",
                "Capital news", "#:~:text=");
        assertThat(html.indexOf(">Kazakstan</mark>")).as("most reported first").isLessThan(html.indexOf(">caf\u00e9e</mark>"));

        // nothing new since: the next digest is empty and sends nothing
        ResponseEntity<Void> again = worker().post().uri("/api/v1/digests").retrieve().toBodilessEntity();
        assertThat(again.getStatusCode().value()).isEqualTo(204);
        assertThat(this.smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    @Order(2)
    void aReaderReportsATypoOnTheDemoPageWithCtrlEnterAndItReachesTheEditorsQueue() {
        String demo = "http://localhost:" + this.standalone.settings().intakePort() + "/demo";
        try (HeadlessChromium chromium = HeadlessChromium.window(1280, 800)) {
            chromium.driver().get(demo);
            await().untilAsserted(() -> assertThat(chromium.driver().executeScript("return window.__spellingReports === true"))
                    .isEqualTo(true));
            chromium.driver().executeScript("""
                    const text = document.getElementById('p1').firstChild;
                    const start = text.data.indexOf('recieved');
                    const range = document.createRange();
                    range.setStart(text, start);
                    range.setEnd(text, start + 'recieved'.length);
                    getSelection().removeAllRanges();
                    getSelection().addRange(range);""");
            new Actions(chromium.driver()).keyDown(Keys.CONTROL).sendKeys(Keys.ENTER).keyUp(Keys.CONTROL).perform();
            SearchContext widget = chromium.driver().findElement(By.tagName("spelling-reports-widget")).getShadowRoot();
            await().untilAsserted(() -> assertThat(widget.findElements(By.cssSelector("[role=dialog]"))).hasSize(1));
            assertThat(widget.findElement(By.cssSelector("[role=dialog] h2")).getText())
                    .isEqualTo("The following text will be sent to our editors:");
            widget.findElement(By.cssSelector("textarea")).sendKeys("Should be \u201creceived\u201d");
            widget.findElement(By.cssSelector("button.send")).click();
            await().untilAsserted(() -> assertThat(widget.findElement(By.cssSelector("[role=status]")).getText())
                    .startsWith("Thank you"));
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode reported = null;
            for (JsonNode error : queue().get("content")) {
                if (error.get("selection").asString().equals("recieved")) {
                    reported = error;
                }
            }
            assertThat(reported).as("the demo page's typo in the queue").isNotNull();
            assertThat(reported.get("pageUrl").asString()).isEqualTo(demo);
            assertThat(reported.get("contextBefore").asString()).endsWith("after the council ");
            assertThat(reported.get("contextAfter").asString()).startsWith(" more than two thousand");
            assertThat(reported.get("comments").toString()).contains("Should be \u201creceived\u201d");
            assertThat(reported.get("lang").asString()).isEqualTo("en");
        });
    }

    private void report(UUID reportId, String pageUrl, String before, String selection, String after, String comment) {
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("reportId", reportId.toString());
        body.put("pageUrl", pageUrl);
        body.put("pageTitle", "Capital news");
        body.put("lang", "en");
        body.put("selection", selection);
        body.put("contextBefore", before);
        body.put("contextAfter", after);
        body.put("comment", comment);
        ResponseEntity<String> answer = RestClient.create("http://127.0.0.1:" + this.standalone.settings().intakePort())
                .post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body)).retrieve().toEntity(String.class);
        assertThat(answer.getStatusCode().value()).isEqualTo(202);
        assertThat(answer.getBody()).contains(reportId.toString());
    }

    private JsonNode queue() {
        return json.readTree(worker().get().uri("/api/v1/errors?status=NEW").retrieve().body(String.class));
    }

    private RestClient worker() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + this.standalone.settings().workerPort())
                .defaultHeaders((headers) -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
                .build();
    }

}
