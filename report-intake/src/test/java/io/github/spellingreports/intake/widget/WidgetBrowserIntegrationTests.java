package io.github.spellingreports.intake.widget;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.testsupport.AxeAudit;
import io.github.spellingreports.testsupport.HeadlessChromium;
import io.github.spellingreports.testsupport.LoopbackPorts;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The widget in a real headless Chromium against the whole intake and Apache Kafka's in-process
 * KRaft broker: a report goes from a selection and a key press to a record on the topic.
 * <p>
 * The intake listens on a port chosen before start-up (not RANDOM_PORT) because its allowed origins,
 * fixed at start-up, must contain the origin the browser sees: {@code http://127.0.0.1:PORT} for the
 * demo pages, and a second origin on another port for a cross-origin news site ({@link TestSite}).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
@EmbeddedKafka(bootstrapServersProperty = "spring.kafka.bootstrap-servers")
class WidgetBrowserIntegrationTests {

    private static final int PORT = freePort();

    private static final String INTAKE = "http://127.0.0.1:" + PORT;

    /** The widget's element, whose shadow root holds the dialog. */
    private static final String WIDGET = "spelling-reports-widget";

    private static TestSite site;

    private static HeadlessChromium browser;

    @Autowired
    private KafkaConnectionDetails kafka;

    @Autowired
    private MeterRegistry meters;

    private ReportsTopic topic;

    private WidgetPage page;

    @DynamicPropertySource
    static void origins(DynamicPropertyRegistry registry) {
        site = new TestSite(INTAKE);
        registry.add("server.port", () -> PORT);
        registry.add("server.address", () -> "127.0.0.1");
        registry.add("spelling.intake.allowed-origins", () -> INTAKE + "," + site.origin());
        // One browser sends every report of the suite; the rate limits have their own tests.
        registry.add("spelling.intake.rate-limit.enabled", () -> false);
    }

    @BeforeAll
    static void startBrowser() {
        browser = HeadlessChromium.desktop();
    }

    @AfterAll
    static void stopBrowserAndSite() {
        if (browser != null) {
            browser.close();
        }
        if (site != null) {
            site.close();
        }
    }

    @BeforeEach
    void openTopic() {
        topic = new ReportsTopic(String.join(",", kafka.getBootstrapServers()));
        page = new WidgetPage(browser.driver());
    }

    /**
     * Also fails a test in whose pages a script threw (the widget's above all): a test that needs the
     * dialog would fail on such an error only by waiting in vain, and one that does not would pass.
     */
    @AfterEach
    void forgetQueuedReportsAndCloseTopic() {
        List<String> scriptErrors = browser.driver().manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter((message) -> message.contains("Uncaught")).toList();
        // A report one test left queued must not be delivered during the next one.
        for (String blank : List.of(INTAKE + "/demo/demo.css", site.origin() + "/blank")) {
            browser.driver().get(blank);
            browser.driver().executeScript("localStorage.clear()");
        }
        topic.close();
        assertThat(scriptErrors).as("script errors in the browser").isEmpty();
    }

    @Test
    void ctrlEnterShowsTheSelectionInItsContextAndSendsItWithTheCanonicalPageUrl() {
        page.open(INTAKE + "/demo?utm_source=newsletter").select("#p1", "recieved");
        assertThat(page.script("return [innerWidth, innerHeight]")).isEqualTo(List.of(1280L, 800L));
        page.press(Keys.CONTROL, Keys.ENTER);

        WebElement dialog = page.dialog();
        assertThat(dialog.getAttribute("aria-modal")).isEqualTo("true");
        WebElement title = page.inWidget("#" + dialog.getAttribute("aria-labelledby"));
        assertThat(title.getText()).isEqualTo("The following text will be sent to our editors:");
        // At most 60 characters each side, words cut in half at the far ends dropped.
        String before = "stay open until midnight from Monday, after the council ";
        String after = " more than two thousand replies to its autumn survey of";
        assertThat(page.inWidget(".quote").getText()).isEqualTo("…" + before + "recieved" + after + "…");
        assertThat(page.inWidget(".quote mark").getText()).isEqualTo("recieved");
        assertThat(page.inWidget("label[for=sr-comment]").getText()).isEqualTo("Comment (optional)");
        assertThat(page.focusedInWidget()).isEqualTo(page.inWidget("textarea"));

        String comment = "Should be “received”.";
        page.inWidget("textarea").sendKeys(comment);
        page.screenshot("widget-desktop");
        page.inWidget("button.send").click();

        awaitThanks();
        assertThat(page.inWidget("textarea").getDomProperty("readOnly")).as("the comment sent").isEqualTo("true");
        SpellingErrorReported report = awaitReport(comment);
        assertThat(report.selection()).isEqualTo("recieved");
        assertThat(report.contextBefore()).isEqualTo(before);
        assertThat(report.contextAfter()).isEqualTo(after);
        assertThat(report.pageUrl()).isEqualTo(INTAKE + "/demo");
        assertThat(report.pageTitle()).isEqualTo("Riverside library stays open until midnight - The Millbrook Courier");
        assertThat(report.lang()).isEqualTo("en");
        assertThat(page.pendingReports()).isEqualTo("[]");
    }

    @Test
    void cmdEnterOpensTheDialogToo() {
        page.open(INTAKE + "/demo").select("#p3", "accomodate");
        page.press(Keys.META, Keys.ENTER);

        page.dialog();
        assertThat(page.inWidget(".quote mark").getText()).isEqualTo("accomodate");
    }

    @Test
    void backwardsSelectionAcrossInlineElementsGetsTheWholeBlockAsContext() {
        // From the end of "secnd" inside <a> back to the start of "reading" inside <b>.
        page.open(INTAKE + "/demo").select("#p2 a", "secnd", 5, "#p2 b", "reading", 0);
        assertThat(page.script("return getSelection().anchorNode.parentNode.tagName")).isEqualTo("A");
        page.press(Keys.CONTROL, Keys.ENTER);

        page.dialog();
        assertThat(page.inWidget(".quote mark").getText()).isEqualTo("reading room on the secnd");
        String comment = "second " + UUID.randomUUID();
        page.inWidget("textarea").sendKeys(comment);
        page.press(Keys.CONTROL, Keys.ENTER);

        SpellingErrorReported report = awaitReport(comment);
        assertThat(report.selection()).isEqualTo("reading room on the secnd");
        assertThat(report.contextBefore()).isEqualTo("after their children are asleep. The branch will open a new ");
        assertThat(report.contextAfter()).isEqualTo(" floor with forty desks and power sockets at every seat.");
    }

    /**
     * Lines broken by {@code <br>} and list items written without white space between them read as
     * words apart, and were sent glued ("timesfrom", "6:00lsat"); a script's code and text the page
     * hides were sent as context.
     */
    @Test
    void lineBreaksAndBlocksSeparateWordsAndHiddenTextStaysOutOfTheContext() {
        page.open(site.article("")).script("""
                document.querySelector('article').insertAdjacentHTML('beforeend', '<div id="notice">Ferry times<br>from'
                    + ' Monday:<ul><li>first boat 6:00</li><li>lsat boat 23:00</li></ul>Tickets<script>var price = 3;</script>'
                    + '<span style="display:none">hidden</span> on board.</div>');""");

        page.select("#notice li", "6:00", 0, "#notice li + li", "lsat", 4).press(Keys.CONTROL, Keys.ENTER);
        assertThat(page.dialog().findElement(By.cssSelector("mark")).getText()).isEqualTo("6:00 lsat");
        page.press(Keys.ESCAPE);

        page.select("#notice", "times", 0, "#notice", "from", 4).press(Keys.CONTROL, Keys.ENTER).dialog();
        String comment = "blocks " + UUID.randomUUID();
        sendWithComment(comment);
        SpellingErrorReported report = awaitReport(comment);
        assertThat(report.contextBefore()).isEqualTo("Ferry ");
        assertThat(report.selection()).isEqualTo("times from");
        assertThat(report.contextAfter()).isEqualTo(" Monday: first boat 6:00 lsat boat 23:00 Tickets on board.");
    }

    @Test
    void pageOnAnotherOriginSendsToTheIntakeAcrossOrigins() {
        page.open(site.article("")).select("#p1", "enigne");
        page.press(Keys.CONTROL, Keys.ENTER);
        page.dialog();
        String comment = "engine " + UUID.randomUUID();
        page.inWidget("textarea").sendKeys(comment);
        page.inWidget("button.send").click();

        SpellingErrorReported report = awaitReport(comment);
        assertThat(report.pageUrl()).isEqualTo(site.origin() + "/article");
        assertThat(report.pageTitle()).isEqualTo("Harbour ferry returns");
        // Across the <em>: the 60 characters before, from the whole paragraph.
        assertThat(report.contextBefore()).isEqualTo("service on Tuesday after a two-week repair of its starboard ");
        assertThat(report.contextAfter()).isEqualTo(".");
    }

    /**
     * A news site whose Content-Security-Policy allows scripts and connections to the intake and no
     * inline styles: the widget's styles are a constructed style sheet, which no {@code style-src}
     * governs, where a {@code <style>} element would need {@code 'unsafe-inline'}.
     */
    @Test
    void aSiteWhoseCspAllowsNoInlineStylesGetsTheStyledDialogAndItsReport() {
        page.open(site.article("csp=strict"));
        page.script("""
                window.violations = [];
                document.addEventListener('securitypolicyviolation',
                    (e) => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
                """);
        page.select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER);
        page.dialog();

        assertThat(page.inWidget(".backdrop").getCssValue("position")).isEqualTo("fixed");
        assertThat(page.inWidget("button.send").getCssValue("background-color")).isEqualTo("rgba(31, 95, 191, 1)");
        String comment = "engine " + UUID.randomUUID();
        page.inWidget("textarea").sendKeys(comment);
        page.inWidget("button.send").click();

        assertThat(awaitReport(comment).selection()).isEqualTo("enigne");
        assertThat(page.script("return window.violations")).as("what the page's policy blocked").isEqualTo(List.of());
    }

    /**
     * A page whose canonical link names an origin the intake does not take (a partner's article
     * republished, an AMP cache): the intake refused the canonical address and the report was lost;
     * it is sent again with the page's own address, once, under the same id.
     */
    @Test
    void aCanonicalAddressOnAnOriginTheIntakeDoesNotTakeGivesWayToThePagesOwn() {
        String article = site.article("canonical=https://partner.example/story");
        page.open(article).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER);
        page.dialog();
        String comment = "partner " + UUID.randomUUID();
        sendWithComment(comment);
        ReportsTopic.Received received = awaitRecord(comment);
        assertThat(received.report().pageUrl()).isEqualTo(article);
        assertThat(topic.poll(report -> comment.equals(report.comment()))).as("published once").hasSize(1);
        assertThat(page.pendingReports()).isEqualTo("[]");
    }

    /**
     * A page whose address is longer than the intake stores (2048 characters: a long query of the
     * site's own), with no canonical link: the report goes with the address without its query. One
     * so long (some 17,000 characters) that the report with it was larger than the intake reads
     * (16 KB) was answered 413, which names no field, and the report was dropped as refused.
     */
    @Test
    void aPageAddressLongerThanTheIntakeStoresIsSentWithoutItsQuery() {
        for (int pairs : List.of(1100, 8500)) {
            page.open(site.article("filters=" + "a1".repeat(pairs))).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER);
            page.dialog();
            String comment = "long " + UUID.randomUUID();
            sendWithComment(comment);
            assertThat(awaitReport(comment).pageUrl()).as(pairs + " pairs").isEqualTo(site.origin() + "/article");
        }
    }

    /** A control character pasted into the comment box (tab and line breaks are text): the intake refused the report. */
    @Test
    void aCommentWithAPastedControlCharacterIsSentWithoutIt() {
        page.open(site.article("")).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER);
        page.dialog();
        String id = UUID.randomUUID().toString();
        page.script("arguments[0].value = 'engine\\u0008\\u001b ' + arguments[1] + '\\n\\tend'", page.inWidget("textarea"), id);
        page.inWidget("button.send").click();

        awaitThanks();
        assertThat(awaitReport("engine " + id + "\n\tend").selection()).isEqualTo("enigne");
    }

    /**
     * A title a CMS filled with a control character (pasted from a word processor: a vertical tab, a
     * backspace): the intake refuses control characters in a title, and refused every report of the page.
     */
    @Test
    void aTitleWithControlCharactersIsSentAsTheReaderSeesIt() {
        page.open(site.article("")).script("document.title = 'Harbour\\u000b ferry\\u0008\\u0008 returns\\u007f'");
        page.select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER).dialog();
        String comment = "title " + UUID.randomUUID();
        sendWithComment(comment);
        assertThat(awaitReport(comment).pageTitle()).isEqualTo("Harbour ferry returns");
    }

    /**
     * What the widget finds under its key in localStorage may not be its list (an extension, a site's
     * script, an older copy of the widget, a hand clearing it): a report is still sent, and the junk
     * is neither sent nor fatal.
     */
    @Test
    void whateverElseIsStoredUnderTheWidgetsKeyTheReportIsSent() {
        for (String stored : List.of("null", "{\"reportId\":\"x\"}", "[null, 5, \"text\", {\"no\":\"id\"}]", "not json")) {
            // before the page that would send the junk is opened
            double accepted = reports("accepted");
            double refused = reports("rejected_invalid") + reports("rejected_unreadable");
            browser.driver().get(site.origin() + "/blank");
            page.script("localStorage.setItem('spelling-reports:pending', arguments[0])", stored);
            page.open(site.article("")).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER);
            page.dialog();
            String comment = "stored " + UUID.randomUUID();
            page.inWidget("textarea").sendKeys(comment);
            page.inWidget("button.send").click();

            await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText()).as(stored)
                    .isEqualTo("Thank you! Our editors will take a look."));
            assertThat(awaitReport(comment).selection()).isEqualTo("enigne");
            assertThat(page.pendingReports()).as(stored).isEqualTo("[]");
            // the junk was not sent: the intake took the report (its meter counts it once the answer is
            // out), and refused nothing
            await().untilAsserted(() -> assertThat(reports("accepted")).as(stored).isGreaterThanOrEqualTo(accepted + 1));
            assertThat(reports("rejected_invalid") + reports("rejected_unreadable")).as(stored).isEqualTo(refused);
        }
    }

    /** @return the intake's count of reports it answered so (its own meter, in this JVM) */
    private double reports(String outcome) {
        return meters.get("spelling.intake.reports").tag("outcome", outcome).counter().count();
    }

    @Test
    void reportMadeWhileTheIntakeIsUnreachableIsDeliveredOnceOnTheNextPageView() {
        String unreachable = "http://127.0.0.1:" + freePort() + "/api/v1/reports";
        page.open(site.article("canonical=/article&endpoint=" + unreachable)).select("#p1", "enigne");
        page.press(Keys.CONTROL, Keys.ENTER);
        page.dialog();
        String comment = "queued " + UUID.randomUUID();
        page.inWidget("textarea").sendKeys(comment);
        page.inWidget("button.send").click();

        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText()).isEqualTo(
                "Our server cannot be reached right now. Your report is saved on this device and will be sent automatically."));
        List<Map<String, Object>> queued = queue(page.pendingReports());
        assertThat(queued).singleElement().satisfies(report -> assertThat(report).containsEntry("comment", comment));
        UUID reportId = UUID.fromString((String) queued.get(0).get("reportId"));

        page.open(site.article("canonical=/article"));
        await().untilAsserted(() -> assertThat(page.pendingReports()).isEqualTo("[]"));
        page.open(site.article("canonical=/article"));
        assertThat(page.pendingReports()).isEqualTo("[]");

        // A later report of the same error has the same key, hence the same partition: once it is on
        // the topic, any second copy of the queued report sent before it would be there too.
        page.select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER).dialog();
        String marker = "marker " + UUID.randomUUID();
        page.inWidget("textarea").sendKeys(marker);
        page.inWidget("button.send").click();
        ReportsTopic.Received markerRecord = awaitRecord(marker);
        List<ReportsTopic.Received> delivered = topic.poll(report -> report.reportId().equals(reportId));
        assertThat(delivered).singleElement().satisfies(record -> {
            assertThat(record.report().comment()).isEqualTo(comment);
            assertThat(record.partition()).isEqualTo(markerRecord.partition());
            assertThat(record.offset()).isLessThan(markerRecord.offset());
        });
    }

    /**
     * An intake that cannot take reports for a while (its broker away) says when to come back in
     * Retry-After: the widget sent its stored reports again on the next page view all the same.
     */
    @Test
    void aStoredReportWaitsAsLongAsTheIntakesRetryAfterAsks() {
        page.open(site.article("canonical=/article&endpoint=" + site.origin() + "/unavailable")).select("#p1", "enigne")
                .press(Keys.CONTROL, Keys.ENTER).dialog();
        page.inWidget("textarea").sendKeys("waits " + UUID.randomUUID());
        page.inWidget("button.send").click();
        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText())
                .startsWith("Our server cannot be reached right now."));
        String reportId = (String) queue(page.pendingReports()).get(0).get("reportId");

        // The next page view's intake takes reports; the stored one, of the same error, would come first.
        page.open(site.article("canonical=/article")).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER).dialog();
        String marker = "marker " + UUID.randomUUID();
        sendWithComment(marker);
        awaitRecord(marker);
        assertThat(topic.poll(report -> report.reportId().toString().equals(reportId))).as("sent within the hour").isEmpty();
        assertThat(queue(page.pendingReports())).extracting(report -> report.get("reportId")).containsExactly(reportId);
    }

    /**
     * Once the intake's Retry-After has passed, the next page view sends the stored report, once
     * (the test above shows it is not sent before: a wait that never ended would pass that one).
     */
    @Test
    void aStoredReportIsSentOnThePageViewAfterTheRetryAfterIsOver() {
        page.open(site.article("canonical=/article&endpoint=" + site.origin() + "/briefly-unavailable"))
                .select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER).dialog();
        String comment = "waits briefly " + UUID.randomUUID();
        page.inWidget("textarea").sendKeys(comment);
        page.inWidget("button.send").click();
        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText())
                .startsWith("Our server cannot be reached right now."));
        UUID reportId = UUID.fromString((String) queue(page.pendingReports()).get(0).get("reportId"));

        // page views, a second apart, until one comes after the 2 seconds the intake asked for
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            page.open(site.article("canonical=/article"));
            assertThat(topic.poll(report -> report.reportId().equals(reportId))).isNotEmpty();
        });
        await().untilAsserted(() -> assertThat(page.pendingReports()).isEqualTo("[]"));
        page.open(site.article("canonical=/article")).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER).dialog();
        String marker = "marker " + UUID.randomUUID();
        sendWithComment(marker);
        awaitRecord(marker);
        assertThat(topic.poll(report -> report.reportId().equals(reportId))).as("sent once").hasSize(1);
    }

    /**
     * Every open tab of a site hears the browser come back online at once, and each sent the same
     * stored reports: one tab sends them at a time, and a tab that finds another sending leaves them.
     */
    @Test
    void whileAnotherTabSendsTheStoredReportsThisTabLeavesThemAlone() {
        String reportId = UUID.randomUUID().toString();
        browser.driver().get(site.origin() + "/blank");
        page.script("""
                localStorage.setItem('spelling-reports:pending', JSON.stringify([{ reportId: arguments[0], pageUrl: arguments[1],
                    pageTitle: 'Harbour ferry returns', lang: 'en', selection: 'enigne',
                    contextBefore: 'service on Tuesday after a two-week repair of its starboard ', contextAfter: '.',
                    comment: 'stored ' + arguments[0], queuedAt: Date.now() }]));""",
                reportId, site.origin() + "/article");
        // the marker below reports the same error: one partition, so a copy sent before it is seen with it
        String thisTab = browser.driver().getWindowHandle();
        browser.driver().switchTo().newWindow(WindowType.TAB).get(site.origin() + "/blank");
        // the other tab, busy sending
        page.script("navigator.locks.request('spelling-reports:flush', () => new Promise((done) => window.release = done))");
        String otherTab = browser.driver().getWindowHandle();
        try {
            browser.driver().switchTo().window(thisTab);
            page.open(site.article("canonical=/article")).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER).dialog();
            String marker = "marker " + UUID.randomUUID();
            sendWithComment(marker);
            awaitRecord(marker);
            assertThat(topic.poll(report -> report.reportId().toString().equals(reportId))).as("sent by this tab").isEmpty();
        }
        finally {
            browser.driver().switchTo().window(otherTab).close();
            browser.driver().switchTo().window(thisTab);
        }
        page.script("window.dispatchEvent(new Event('online'))");
        assertThat(awaitReport("stored " + reportId).selection()).isEqualTo("enigne");
    }

    /**
     * A report kept on a device that seldom comes back to the site was sent whenever it did, months
     * later, about a page that has changed since: one kept more than a week is dropped unsent.
     */
    @Test
    void aReportStoredMoreThanAWeekAgoIsDroppedNotSent() {
        String expired = UUID.randomUUID().toString();
        String fresh = UUID.randomUUID().toString();
        browser.driver().get(site.origin() + "/blank");
        // the same error twice, hence one partition: the first in the list is sent first
        page.script("""
                const day = 24 * 60 * 60 * 1000;
                const report = (reportId, days) => ({ reportId, pageUrl: arguments[2], pageTitle: 'Harbour ferry returns',
                    lang: 'en', selection: 'enigne', contextBefore: 'of its starboard ', contextAfter: '.',
                    comment: 'kept ' + reportId, queuedAt: Date.now() - days * day });
                localStorage.setItem('spelling-reports:pending', JSON.stringify([report(arguments[0], 8), report(arguments[1], 6)]));
                """, expired, fresh, site.origin() + "/article");

        page.open(site.article("canonical=/article"));
        assertThat(awaitReport("kept " + fresh).reportId()).isEqualTo(UUID.fromString(fresh));
        assertThat(topic.poll(report -> report.reportId().equals(UUID.fromString(expired)))).as("sent").isEmpty();
        await().untilAsserted(() -> assertThat(page.pendingReports()).isEqualTo("[]"));
    }

    @Test
    void reportMadeOfflineIsSentWhenTheBrowserIsBackOnline() {
        page.open(INTAKE + "/demo").select("#p4", "March");
        offline(true);
        try {
            assertThat(page.script("return navigator.onLine")).isEqualTo(false);
            page.press(Keys.CONTROL, Keys.ENTER).dialog();
            String comment = "offline " + UUID.randomUUID();
            page.inWidget("textarea").sendKeys(comment);
            page.inWidget("button.send").click();
            await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText())
                    .startsWith("Our server cannot be reached right now."));
            assertThat(queue(page.pendingReports())).hasSize(1);

            offline(false);
            SpellingErrorReported report = awaitReport(comment);
            assertThat(report.selection()).isEqualTo("March");
            await().untilAsserted(() -> assertThat(page.pendingReports()).isEqualTo("[]"));
        }
        finally {
            offline(false);
        }
    }

    /**
     * A browser that keeps no site data (blocked, or full) lost a report made offline, after telling
     * the reader it was saved on the device: it now waits in the page, and the reader is told so.
     */
    @Test
    void whereTheBrowserKeepsNoSiteDataAReportMadeOfflineWaitsInThePageUntilOnline() {
        page.open(site.article("storage=off")).select("#p1", "enigne");
        assertThat(page.script("try { localStorage; return 'readable'; } catch (e) { return e.name; }")).isEqualTo("SecurityError");
        offline(true);
        try {
            page.press(Keys.CONTROL, Keys.ENTER).dialog();
            String comment = "no site data " + UUID.randomUUID();
            page.inWidget("textarea").sendKeys(comment);
            page.inWidget("button.send").click();
            await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText()).isEqualTo(
                    "Our server cannot be reached right now. Your report will be sent automatically while this page stays open."));

            offline(false);
            assertThat(awaitReport(comment).selection()).isEqualTo("enigne");
        }
        finally {
            offline(false);
        }
    }

    /** Escape ends an input method's composition (typing Chinese, Japanese): the comment stays. */
    @Test
    void escapeWhileAnInputMethodComposesLeavesTheDialogOpen() {
        page.open(INTAKE + "/demo").select("#p1", "recieved").press(Keys.CONTROL, Keys.ENTER).dialog();
        page.inWidget("textarea").sendKeys("half-typed");
        page.script("arguments[0].dispatchEvent(new KeyboardEvent('keydown', "
                + "{ key: 'Escape', isComposing: true, bubbles: true, composed: true }))", page.inWidget("textarea"));

        assertThat(page.dialogs()).hasSize(1);
        assertThat(page.inWidget("textarea").getDomProperty("value")).isEqualTo("half-typed");
        page.press(Keys.ESCAPE);
        await().untilAsserted(() -> assertThat(page.dialogs()).isEmpty());
    }

    /**
     * A site's own shortcuts (a "/" that jumps to its search, "j" and "k" that page through articles,
     * Escape that closes its menus) skip keys typed in a text field: keys from the dialog reached them
     * as keys of the widget's element, so typing the comment set them off.
     */
    @Test
    void keysTypedInTheDialogDoNotReachThePagesShortcuts() {
        page.open(site.article("")).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER).dialog();
        page.script("""
                window.pageKeys = [];
                for (const type of ['keydown', 'keypress', 'keyup']) {
                  document.addEventListener(type, (e) => window.pageKeys.push(e.type + ' ' + e.key));
                }""");
        String comment = "j/k " + UUID.randomUUID();
        page.inWidget("textarea").sendKeys(comment);
        page.press(Keys.CONTROL, Keys.ENTER);

        awaitThanks();
        assertThat(awaitReport(comment).selection()).isEqualTo("enigne");
        assertThat(page.script("return window.pageKeys")).as("keys the page saw").isEqualTo(List.of());
        page.press(Keys.ESCAPE);
        await().untilAsserted(() -> assertThat(page.dialogs()).isEmpty());
        // the key's release comes after the dialog closed, on the page
        assertThat(page.script("return window.pageKeys")).as("keys the page saw").isEqualTo(List.of("keyup Escape"));
    }

    /**
     * A site that goes to its next page by replacing {@code <body>} (Turbo Drive, htmx boost, pjax)
     * took the widget's element with it, here while the dialog was open: Ctrl+Enter then did nothing
     * the reader could see, on every later page.
     */
    @Test
    void afterTheSiteReplacesItsBodyCtrlEnterStillOpensTheDialogAndSends() {
        page.open(INTAKE + "/demo").select("#p1", "recieved").press(Keys.CONTROL, Keys.ENTER).dialog();
        page.script("""
                const body = document.createElement('body');
                body.innerHTML = '<main><p id="next">The next article has a mispeled word in it.</p></main>';
                document.body.replaceWith(body);""");

        page.select("#next", "mispeled").press(Keys.CONTROL, Keys.ENTER).dialog();
        assertThat(page.inWidget(".quote mark").getText()).isEqualTo("mispeled");
        String comment = "next page " + UUID.randomUUID();
        sendWithComment(comment);
        assertThat(awaitReport(comment).contextBefore()).isEqualTo("The next article has a ");
    }

    /**
     * Ctrl+Enter while an input method composes sent the half-typed comment; a key reported as 229
     * (Safari's key that ends a composition, with isComposing already false) was taken as the
     * dialog's Escape or Ctrl+Enter.
     */
    @Test
    void ctrlEnterAndEscapeWhileAnInputMethodComposesNeitherSendNorClose() {
        page.open(INTAKE + "/demo").select("#p1", "recieved").press(Keys.CONTROL, Keys.ENTER).dialog();
        WebElement comment = page.inWidget("textarea");
        comment.sendKeys("half-typed");
        for (String init : List.of("key: 'Enter', ctrlKey: true, isComposing: true", "key: 'Enter', ctrlKey: true, keyCode: 229",
                "key: 'Escape', keyCode: 229")) {
            page.script("arguments[0].dispatchEvent(new KeyboardEvent('keydown', { " + init
                    + ", bubbles: true, composed: true, cancelable: true }))", comment);

            assertThat(page.dialogs()).as(init).hasSize(1);
            assertThat(page.inWidget("button.send").isEnabled()).as(init).isTrue();
            assertThat(page.inWidget("[role=status]").getText()).as(init).isEmpty();
        }
        assertThat(comment.getDomProperty("value")).isEqualTo("half-typed");
    }

    /**
     * Ctrl+Enter held a moment too long: its first key opened the dialog and focused the comment,
     * and the keys the keyboard repeats then sent the report, unreviewed, from the comment.
     */
    @Test
    void ctrlEnterHeldDownOpensTheDialogAndSendsNothing() {
        page.open(INTAKE + "/demo").select("#p1", "recieved").press(Keys.CONTROL, Keys.ENTER).dialog();
        String repeated = "arguments[0].dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', ctrlKey: true,"
                + " repeat: true, bubbles: true, composed: true, cancelable: true }))";
        page.script(repeated, page.inWidget("textarea"));

        assertThat(page.dialogs()).hasSize(1);
        assertThat(page.inWidget("button.send").isEnabled()).isTrue();
        assertThat(page.inWidget("[role=status]").getText()).isEmpty();
        page.press(Keys.ESCAPE);
        await().untilAsserted(() -> assertThat(page.dialogs()).isEmpty());

        // the key still held as the dialog closes: the page's next repeat opens no new one
        page.select("#p1", "recieved").script(repeated, browser.driver().findElement(By.cssSelector("#p1")));
        assertThat(page.dialogs()).isEmpty();
    }

    @Test
    void escapeClosesTheDialogAndFocusReturnsToWhereItWas() {
        page.open(INTAKE + "/demo");
        WebElement link = browser.driver().findElement(By.cssSelector("#p2 a"));
        page.script("arguments[0].focus()", link);
        page.select("#p1", "recieved");
        assertThat(page.focusedInPage()).isEqualTo(link);

        page.press(Keys.CONTROL, Keys.ENTER).dialog();
        assertThat(page.focusedInPage()).isNotEqualTo(link);
        page.press(Keys.ESCAPE);

        await().untilAsserted(() -> assertThat(page.dialogs()).isEmpty());
        assertThat(page.focusedInPage()).isEqualTo(link);
        assertThat(browser.driver().getCurrentUrl()).doesNotContain("#p3");
    }

    /**
     * A reader who selected text focused nothing: after Escape focus was nowhere, and the next Tab
     * went to the end of the page, far from where they were reading.
     */
    @Test
    void escapeAfterSelectingInAParagraphLeavesFocusAndTheSelectionInThatParagraph() {
        page.open(INTAKE + "/demo").select("#p1", "recieved");
        assertThat(page.script("return document.activeElement === document.body")).isEqualTo(true);

        page.press(Keys.CONTROL, Keys.ENTER).dialog();
        page.press(Keys.ESCAPE);

        await().untilAsserted(() -> assertThat(page.dialogs()).isEmpty());
        WebElement paragraph = browser.driver().findElement(By.cssSelector("#p1"));
        assertThat(page.focusedInPage()).isEqualTo(paragraph);
        assertThat(page.script("return getSelection().toString()")).isEqualTo("recieved");
        page.press(Keys.TAB);
        assertThat(page.focusedInPage()).isEqualTo(browser.driver().findElement(By.cssSelector("#p2 a")));
        assertThat(paragraph.getAttribute("tabindex")).as("the paragraph's, as it was").isNull();
    }

    @Test
    void tabKeepsFocusInsideTheDialogAndEveryControlWorksByKeyboard() {
        page.open(INTAKE + "/demo").select("#p1", "recieved").press(Keys.CONTROL, Keys.ENTER).dialog();
        WebElement comment = page.inWidget("textarea");
        WebElement cancel = page.inWidget("button.cancel");
        WebElement send = page.inWidget("button.send");

        assertThat(page.focusedInWidget()).isEqualTo(comment);
        page.press(Keys.TAB);
        assertThat(page.focusedInWidget()).isEqualTo(cancel);
        page.press(Keys.TAB);
        assertThat(page.focusedInWidget()).isEqualTo(send);
        page.press(Keys.TAB);
        assertThat(page.focusedInWidget()).isEqualTo(comment);
        page.press(Keys.SHIFT, Keys.TAB);
        assertThat(page.focusedInWidget()).isEqualTo(send);
        page.press(Keys.SHIFT, Keys.TAB);
        assertThat(page.focusedInWidget()).isEqualTo(cancel);
        assertThat(page.script("return getComputedStyle(arguments[0]).outlineStyle", cancel)).isEqualTo("solid");

        page.press(Keys.ENTER);
        await().untilAsserted(() -> assertThat(page.dialogs()).isEmpty());
    }

    @Test
    void aReaderWhoSendsByKeyboardFromTheCommentIsTakenToCloseAndBackToThePage() {
        page.open(INTAKE + "/demo").select("#p1", "recieved").press(Keys.CONTROL, Keys.ENTER).dialog();
        WebElement comment = page.inWidget("textarea");
        String text = "Sent by keyboard " + UUID.randomUUID();
        comment.sendKeys(text);
        page.press(Keys.CONTROL, Keys.ENTER);

        awaitThanks();
        assertThat(awaitReport(text).comment()).isEqualTo(text);
        // the comment cannot be edited any more: the one thing left to do is close
        assertThat(page.focusedInWidget()).isEqualTo(page.inWidget("button.cancel"));
        assertThat(page.inWidget("button.cancel").getText()).isEqualTo("Close");
        page.press(Keys.ENTER);
        await().untilAsserted(() -> assertThat(page.dialogs()).isEmpty());
    }

    @Test
    void russianDemoSpeaksRussian() {
        page.open(INTAKE + "/demo/ru").select("#p1", "обьявила").press(Keys.CONTROL, Keys.ENTER);

        WebElement dialog = page.dialog();
        assertThat(dialog.getAttribute("lang")).isEqualTo("ru");
        assertThat(page.inWidget("h2").getText()).isEqualTo("Следующий текст будет отправлен нашим редакторам:");
        assertThat(page.inWidget("label").getText()).isEqualTo("Комментарий (необязательно)");
        assertThat(page.inWidget("button.cancel").getText()).isEqualTo("Отмена");
        assertThat(page.inWidget("button.send").getText()).isEqualTo("Отправить");
        String comment = "Должно быть «объявила».";
        page.inWidget("textarea").sendKeys(comment);
        page.screenshot("widget-desktop-ru");
        page.inWidget("button.send").click();

        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText())
                .isEqualTo("Спасибо! Наши редакторы это проверят."));
        SpellingErrorReported report = awaitReport(comment);
        assertThat(report.lang()).isEqualTo("ru");
        assertThat(report.pageUrl()).isEqualTo(INTAKE + "/demo/ru");
        assertThat(report.contextBefore()).isEqualTo("Городская администрация ");
    }

    @Test
    void pageStylesDoNotReachTheDialogAndItsStylesDoNotReachThePage() {
        page.open(INTAKE + "/demo");
        page.script("""
                const style = document.createElement('style');
                style.textContent = 'button, h2, [role=dialog] { background: rgb(255, 0, 0) !important; display: none !important; }'
                    + ' spelling-reports-widget { display: none !important; }';
                document.head.appendChild(style);
                """);
        page.select("#p1", "recieved").press(Keys.CONTROL, Keys.ENTER).dialog();

        WebElement send = page.inWidget("button.send");
        assertThat(send.isDisplayed()).isTrue();
        assertThat(send.getCssValue("background-color")).isEqualTo("rgba(31, 95, 191, 1)");
        assertThat(page.inWidget("h2").isDisplayed()).isTrue();
        assertThat(browser.driver().findElement(By.cssSelector("#p1")).getCssValue("background-color"))
                .isEqualTo("rgba(0, 0, 0, 0)");
        assertThat(browser.driver().findElements(By.cssSelector("mark, .dialog, .backdrop"))).isEmpty();
    }

    @Test
    void dataLangChoosesTheWidgetLanguageOverThePageLanguage() {
        page.open(site.article("dataLang=kk")).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER);

        assertThat(page.dialog().getAttribute("lang")).isEqualTo("kk");
        assertThat(page.inWidget("h2").getText()).isEqualTo("Келесі мәтін редакторларымызға жіберіледі:");
        assertThat(page.inWidget("button.send").getText()).isEqualTo("Жіберу");
    }

    /** "kz", Kazakhstan's country code, is often written for Kazakh ("kk"): such a page got the English dialog. */
    @Test
    void kazakhLabelledWithTheCountryCodeGetsTheKazakhDialog() {
        for (String query : List.of("lang=kz", "dataLang=kz", "lang=kz-KZ")) {
            page.open(site.article(query)).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER);

            assertThat(page.dialog().getAttribute("lang")).as(query).isEqualTo("kk");
            assertThat(page.inWidget("h2").getText()).as(query).isEqualTo("Келесі мәтін редакторларымызға жіберіледі:");
        }
    }

    /**
     * The intake's reason for refusing a report is English: after a Russian or Kazakh sentence it
     * was read aloud with that language's voice, and wrongly.
     */
    @Test
    void theIntakesEnglishReasonInARussianDialogIsMarkedAsEnglish() {
        sendFromTheArticle("lang=ru&endpoint=" + site.origin() + "/refuses");

        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText()).isEqualTo(
                "Не удалось отправить сообщение: Invalid report: selection: must not be a word this intake refuses."));
        assertThat(page.inWidget("[role=status] [lang=en]").getText())
                .isEqualTo("Invalid report: selection: must not be a word this intake refuses.");
        assertThat(page.dialog().getAttribute("lang")).isEqualTo("ru");
    }

    @Test
    void aSiteGivesTheDialogALanguageOfItsOwn() {
        page.open(site.article("lang=de&siteStrings=yes")).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER);

        assertThat(page.dialog().getAttribute("lang")).isEqualTo("de");
        assertThat(page.inWidget("h2").getText()).isEqualTo("Dieser Text geht an unsere Redaktion:");
        assertThat(page.inWidget("label").getText()).isEqualTo("Kommentar (freiwillig)");
        assertThat(page.inWidget("button.send").getText()).isEqualTo("Senden");
        // left out by the site: English
        assertThat(page.inWidget("button.cancel").getText()).isEqualTo("Cancel");
        String comment = "Motor, nicht enigne " + UUID.randomUUID();
        page.inWidget("textarea").sendKeys(comment);
        page.inWidget("button.send").click();

        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText())
                .isEqualTo("Danke! Die Redaktion sieht es sich an."));
        assertThat(awaitReport(comment).lang()).isEqualTo("de");
    }

    /**
     * A right-to-left page without the widget's texts in its language: the English dialog showed "(Comment
     * (optional" and its title's colon first, in the page's direction.
     */
    @Test
    void anEnglishDialogOnARightToLeftPageReadsLeftToRightAndQuotesThePageInItsDirection() {
        page.open(site.article("lang=ar&dir=rtl")).select("#p3", "خطة").press(Keys.CONTROL, Keys.ENTER);

        assertThat(page.dialog().getAttribute("lang")).isEqualTo("en");
        assertThat(page.dialog().getAttribute("dir")).isEqualTo("ltr");
        assertThat(readsLeftToRight("h2")).isTrue();
        assertThat(readsLeftToRight("label")).isTrue();
        WebElement quote = page.inWidget(".quote");
        assertThat(quote.getAttribute("dir")).isEqualTo("rtl");
        assertThat(quote.getAttribute("lang")).isEqualTo("ar");
        // its bar on the side the page's text starts from
        assertThat(quote.getCssValue("border-right-width")).isEqualTo("4px");
        assertThat(quote.getCssValue("border-left-width")).isEqualTo("0px");
        assertThat(page.inWidget("textarea").getAttribute("dir")).isEqualTo("auto");
    }

    @Test
    void aSiteInARightToLeftLanguageGetsARightToLeftDialog() {
        page.open(site.article("lang=he&dir=rtl&siteStrings=yes")).select("#p3", "خطة").press(Keys.CONTROL, Keys.ENTER);

        assertThat(page.dialog().getAttribute("lang")).isEqualTo("he");
        assertThat(page.dialog().getAttribute("dir")).isEqualTo("rtl");
        assertThat(page.inWidget("h2").getText()).isEqualTo("הטקסט הבא יישלח לעורכים שלנו:");
        assertThat(readsLeftToRight("h2")).isFalse();
        assertThat(page.inWidget("textarea").getAttribute("dir")).isEqualTo("rtl");
        // the primary button at the dialog's end, its left in right-to-left
        assertThat(page.inWidget("button.send").getRect().getX()).isLessThan(page.inWidget("button.cancel").getRect().getX());
        page.screenshot("widget-rtl");
    }

    /** @return whether the first character of the widget element's text is left of its last */
    private static boolean readsLeftToRight(String css) {
        return (Boolean) ((JavascriptExecutor) browser.driver()).executeScript("""
                const text = document.querySelector('spelling-reports-widget').shadowRoot.querySelector(arguments[0]).firstChild;
                const range = document.createRange();
                const left = (i) => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().left; };
                return left(0) < left(text.length - 1);""", css);
    }

    @Test
    void aSiteRewordsOneTextOfABuiltInLanguageAndKeepsTheRest() {
        page.open(site.article("siteStrings=yes")).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER);

        assertThat(page.dialog().getAttribute("lang")).isEqualTo("en");
        assertThat(page.inWidget("h2").getText()).isEqualTo("This goes to the newsroom:");
        assertThat(page.inWidget("button.send").getText()).isEqualTo("Send");
        assertThat(page.inWidget("label").getText()).isEqualTo("Comment (optional)");
    }

    @Test
    void reportTheIntakeRefusesShowsTheIntakesMessageAndIsNotKept() {
        sendFromTheArticle("endpoint=" + site.origin() + "/refuses");

        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText()).isEqualTo(
                "The report could not be sent: Invalid report: selection: must not be a word this intake refuses."));
        assertThat(page.inWidget("button.send").isEnabled()).isTrue();
        assertThat(page.inWidget("textarea").getDomProperty("readOnly")).as("the comment to correct").isEqualTo("false");
        assertThat(page.inWidget("button.cancel").getText()).as("nothing on its way").isEqualTo("Cancel");
        assertThat(page.pendingReports()).isEqualTo("[]");
    }

    /**
     * What readers, the site and the intake wrote is shown as text, never read as markup: the
     * article's text (a code sample quoting a tag), the site's own wording and the intake's answer.
     * As markup, a news site would run script from its own article's text.
     */
    @Test
    void markupInTheArticleTheSitesWordingAndTheIntakesAnswerIsShownAsText() {
        String tag = "<img src=x onerror=\"window.pwned = 'page'\">";
        page.open(site.article("siteStrings=markup&endpoint=" + site.origin() + "/refuses-with-markup"))
                .select("#p4", tag).press(Keys.CONTROL, Keys.ENTER).dialog();
        page.inWidget("button.send").click();
        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText())
                .isEqualTo("The report could not be sent: Refused <img src=x onerror=\"window.pwned = 'answer'\">."));

        assertThat(page.inWidget("h2").getText()).isEqualTo("<b>Bold</b> <img src=x onerror=\"window.pwned = 'title'\">");
        assertThat(page.inWidget("mark").getText()).isEqualTo(tag);
        assertThat(page.allInWidget("img, b")).isEmpty();
        assertThat(page.script("return window.pwned === undefined")).isEqualTo(true);
    }

    /**
     * Once Send is pressed the report is on its way, and pressing the button beside it no longer
     * takes it back: it said Cancel, and closed the dialog while the report went on being delivered.
     */
    @Test
    void whileTheReportIsSendingTheOtherButtonSaysCloseNotCancel() {
        page.open(site.article("endpoint=" + site.origin() + "/held")).select("#p1", "enigne")
                .press(Keys.CONTROL, Keys.ENTER).dialog();
        assertThat(page.inWidget("button.cancel").getText()).isEqualTo("Cancel");
        page.inWidget("button.send").click();

        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText()).isEqualTo("Sending…"));
        assertThat(page.inWidget("button.cancel").getText()).isEqualTo("Close");
        site.releaseHeld();
        awaitThanks();
        assertThat(page.inWidget("button.cancel").getText()).isEqualTo("Close");
    }

    @Test
    void tooManyReportsAsksTheReaderToTryLaterAndKeepsNothing() {
        sendFromTheArticle("endpoint=" + site.origin() + "/too-many");

        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText())
                .isEqualTo("Too many reports right now. Please try again later."));
        assertThat(page.pendingReports()).isEqualTo("[]");
    }

    @Test
    void selectionOver300CharactersIsRefusedBeforeAnythingIsSent() {
        page.open(INTAKE + "/demo");
        page.script("""
                window.posts = 0;
                const fetch = window.fetch;
                window.fetch = function () { window.posts++; return fetch.apply(this, arguments); };
                """);
        page.select("#p2", "Most of", 0, "#p3", "heating system.", 15);
        assertThat(((String) page.script("return getSelection().toString()")).length()).isGreaterThan(300);
        page.press(Keys.CONTROL, Keys.ENTER);

        page.dialog();
        assertThat(page.inWidget("h2").getText())
                .isEqualTo("The selection is too long: please select at most 300 characters around the error.");
        assertThat(page.allInWidget("textarea, button.send")).isEmpty();
        assertThat(page.focusedInWidget()).isEqualTo(page.inWidget("button.cancel"));
        assertThat(page.inWidget("button.cancel").getText()).isEqualTo("Close");
        page.press(Keys.ENTER);

        await().untilAsserted(() -> assertThat(page.dialogs()).isEmpty());
        assertThat(page.script("return window.posts")).isEqualTo(0L);
        assertThat(page.pendingReports()).isEqualTo("[]");
    }

    /**
     * Every state a reader meets, audited by axe-core (WCAG 2.x A and AA, and best practices): the
     * demo pages whole, the dialog alone on the test site's pages (they are not the product).
     */
    @Test
    void everyStateOfTheDialogMeetsTheAccessibilityAudit() {
        List<String> violations = new ArrayList<>();
        page.open(INTAKE + "/demo").select("#p1", "recieved").press(Keys.CONTROL, Keys.ENTER).dialog();
        audit(browser, "dialog", null, violations);
        String comment = "audited " + UUID.randomUUID();
        page.inWidget("textarea").sendKeys(comment);
        page.inWidget("button.send").click();
        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText()).startsWith("Thank you!"));
        audit(browser, "sent", null, violations);
        awaitReport(comment);

        page.open(INTAKE + "/demo").select("#p2", "Most of", 0, "#p3", "heating system.", 15).press(Keys.CONTROL, Keys.ENTER);
        await().untilAsserted(() -> assertThat(page.inWidget("h2").getText()).startsWith("The selection is too long"));
        audit(browser, "selection too long", null, violations);

        page.open(site.article("endpoint=" + site.origin() + "/refuses")).select("#p1", "enigne")
                .press(Keys.CONTROL, Keys.ENTER).dialog();
        page.inWidget("button.send").click();
        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText())
                .startsWith("The report could not be sent"));
        audit(browser, "refused", WIDGET, violations);

        page.open(INTAKE + "/demo/ru").select("#p1", "обьявила").press(Keys.CONTROL, Keys.ENTER).dialog();
        audit(browser, "Russian dialog", null, violations);
        page.open(site.article("lang=he&dir=rtl&siteStrings=yes")).select("#p3", "خطة")
                .press(Keys.CONTROL, Keys.ENTER).dialog();
        audit(browser, "right-to-left dialog", WIDGET, violations);

        try (HeadlessChromium phone = HeadlessChromium.phone()) {
            WidgetPage mobile = new WidgetPage(phone.driver()).open(INTAKE + "/demo");
            mobile.select("#p3", "libary");
            await().untilAsserted(() -> assertThat(mobile.allInWidget("button.fab")).hasSize(1));
            audit(phone, "phone: report button", null, violations);
            mobile.inWidget("button.fab").click();
            mobile.dialog();
            audit(phone, "phone: dialog", null, violations);
        }
        assertThat(violations).as("axe-core's findings, state by state").isEmpty();
    }

    private static void audit(HeadlessChromium chromium, String state, String selector, List<String> violations) {
        AxeAudit.violations(chromium.driver(), selector).forEach((violation) -> violations.add(state + ": " + violation));
    }

    @Test
    void atTwoHundredPercentZoomTheDialogFitsAndEveryControlIsReachable() {
        // 200% zoom of a 1280x800 window: 640x400 CSS pixels, each drawn as 2x2 device pixels.
        browser.driver().executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 640, "height", 400, "deviceScaleFactor", 2, "mobile", false));
        try {
            page.open(INTAKE + "/demo").select("#p1", "recieved").press(Keys.CONTROL, Keys.ENTER).dialog();
            assertThat(page.script("return [innerWidth, innerHeight]")).isEqualTo(List.of(640L, 400L));
            assertThat(page.script("""
                    const box = document.querySelector('spelling-reports-widget').shadowRoot
                        .querySelector('[role=dialog]').getBoundingClientRect();
                    return box.left >= 0 && box.right <= innerWidth && box.top >= 0 && box.bottom <= innerHeight;
                    """)).isEqualTo(true);
            page.screenshot("widget-zoom200");
            String comment = "zoomed " + UUID.randomUUID();
            page.inWidget("textarea").sendKeys(comment);
            page.press(Keys.TAB, Keys.TAB, Keys.ENTER);

            assertThat(awaitReport(comment).selection()).isEqualTo("recieved");
        }
        finally {
            browser.driver().executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        }
    }

    @Test
    void onAPhoneAFreshSelectionShowsAReportButtonThatOpensTheDialog() {
        try (HeadlessChromium phone = HeadlessChromium.phone()) {
            WidgetPage mobile = new WidgetPage(phone.driver()).open(INTAKE + "/demo");
            assertThat(mobile.script("return innerWidth")).isEqualTo(360L);
            mobile.select("#p3", "libary");

            await().untilAsserted(() -> assertThat(mobile.allInWidget("button.fab")).hasSize(1));
            WebElement button = mobile.inWidget("button.fab");
            assertThat(button.getText()).isEqualTo("Report a typo");
            mobile.screenshot("widget-mobile-button");
            button.click();

            WebElement dialog = mobile.dialog();
            assertThat(mobile.inWidget(".quote mark").getText()).isEqualTo("libary");
            // the dialog, not the comment: a focused text field would open the keyboard over the quote
            assertThat(mobile.focusedInWidget()).isEqualTo(dialog);
            assertThat(mobile.allInWidget("button.fab")).isEmpty();
            assertThat(mobile.script("""
                    const box = document.querySelector('spelling-reports-widget').shadowRoot
                        .querySelector('[role=dialog]').getBoundingClientRect();
                    return box.left >= 0 && box.right <= innerWidth && box.top >= 0 && box.bottom <= innerHeight;
                    """)).isEqualTo(true);
            String comment = "Should be “library”.";
            mobile.inWidget("textarea").sendKeys(comment);
            mobile.screenshot("widget-mobile");
            mobile.inWidget("button.send").click();

            assertThat(awaitReport(comment).selection()).isEqualTo("libary");
            // closed after the thanks: the button does not come back for the text just reported
            await().untilAsserted(() -> assertThat(mobile.inWidget("button.cancel").getText()).isEqualTo("Close"));
            mobile.inWidget("button.cancel").click();
            await().untilAsserted(() -> assertThat(mobile.dialogs()).isEmpty());
            // focus back in the paragraph read, not on the page's body (a screen reader would start over)
            assertThat(mobile.focusedInPage()).isEqualTo(phone.driver().findElement(By.cssSelector("#p3")));
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(mobile.allInWidget("button.fab")).isEmpty());
        }
    }

    /**
     * On a phone, text selected in the page's own editors (a comment box, a contenteditable draft)
     * showed the report button, as if it were the article's; Ctrl+Enter already left them alone.
     */
    @Test
    void onAPhoneTextSelectedInThePagesOwnEditorsShowsNoReportButton() {
        try (HeadlessChromium phone = HeadlessChromium.phone()) {
            WidgetPage mobile = new WidgetPage(phone.driver()).open(INTAKE + "/demo");
            mobile.script("""
                    document.querySelector('article').insertAdjacentHTML('beforeend', '<textarea id="reply">My reply'
                        + ' has a typpo</textarea><div id="draft" contenteditable="true">A draft with a typpo</div>');""");

            mobile.select("#p3", "libary");
            await().untilAsserted(() -> assertThat(mobile.allInWidget("button.fab")).hasSize(1));
            mobile.select("#draft", "typpo");
            await().untilAsserted(() -> assertThat(mobile.allInWidget("button.fab")).as("in a contenteditable").isEmpty());

            mobile.select("#p3", "libary");
            await().untilAsserted(() -> assertThat(mobile.allInWidget("button.fab")).hasSize(1));
            mobile.script("const reply = document.getElementById('reply'); reply.focus(); reply.setSelectionRange(15, 20);");
            assertThat(mobile.script("return getSelection().toString()")).isEqualTo("typpo");
            await().untilAsserted(() -> assertThat(mobile.allInWidget("button.fab")).as("in a textarea").isEmpty());
        }
    }

    @Test
    void realServerAnswersTheWidgetWithGzipAndThen304ForItsETag() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<byte[]> first = http.send(HttpRequest.newBuilder(URI.create(INTAKE + "/widget.js"))
                .header("Accept-Encoding", "gzip").build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(first.headers().firstValue("Content-Type")).hasValue("application/javascript;charset=UTF-8");
        assertThat(first.body().length).isLessThan(8 * 1024);
        String etag = first.headers().firstValue("ETag").orElseThrow();

        HttpResponse<byte[]> again = http.send(HttpRequest.newBuilder(URI.create(INTAKE + "/widget.js"))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(again.statusCode()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.headers().firstValue("Cache-Control")).hasValue("max-age=3600, public");
    }

    /** Opens the test site's article with the query, reports its "enigne" and presses Send. */
    private void sendFromTheArticle(String query) {
        page.open(site.article(query)).select("#p1", "enigne").press(Keys.CONTROL, Keys.ENTER).dialog();
        page.inWidget("button.send").click();
    }

    /** Types the comment into the open dialog, sends the report and waits for the widget's thanks. */
    private void sendWithComment(String comment) {
        page.inWidget("textarea").sendKeys(comment);
        page.inWidget("button.send").click();

        awaitThanks();
    }

    private void awaitThanks() {
        await().untilAsserted(() -> assertThat(page.inWidget("[role=status]").getText())
                .isEqualTo("Thank you! Our editors will take a look."));
    }

    private SpellingErrorReported awaitReport(String comment) {
        return awaitRecord(comment).report();
    }

    private ReportsTopic.Received awaitRecord(String comment) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(
                () -> assertThat(topic.poll(report -> comment.equals(report.comment()))).hasSize(1));
        return topic.poll(report -> comment.equals(report.comment())).get(0);
    }

    private void offline(boolean offline) {
        browser.driver().executeCdpCommand("Network.enable", Map.of());
        browser.driver().executeCdpCommand("Network.emulateNetworkConditions", Map.of("offline", offline,
                "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> queue(String json) {
        return JsonMapper.builder().build().readValue(json, List.class);
    }

    private static int freePort() {
        return LoopbackPorts.free();
    }

}
