package io.github.spellingreports.worker.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.github.spellingreports.testsupport.AxeAudit;
import io.github.spellingreports.testsupport.HeadlessChromium;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every console page, as an editor with a screen reader, a keyboard or a phone meets it: audited by
 * axe-core in a real headless Chromium (WCAG 2.x A and AA, and best practices), at a desktop's width
 * and a phone's, logged out, as the admin (who sees every page and control), with content on the
 * pages: an error with reports, comments and history, a digest, a one-click link's confirmation.
 */
class ConsoleAccessibilityBrowserIntegrationTests extends WorkerIntegrationTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ActionLinks links;

    HeadlessChromium chromium;

    @AfterEach
    void stopBrowser() {
        if (this.chromium != null) {
            this.chromium.close();
        }
    }

    @Test
    void everyConsolePageMeetsTheAuditAtADesktopsAndAPhonesWidth() {
        ConsoleTestData data = new ConsoleTestData(this.jdbc);
        String page = ConsoleTestData.uniquePage();
        long fixed = data.error(page, "Budget 2027: what changes", "The ministry will ", "recieve", " the draft on Monday.",
                "i before e");
        data.addReports(fixed, 3, "Typo in the second paragraph");
        long open = data.error(page, "Budget 2027: what changes", "Members of ", "parliment", " voted late.", null);

        this.chromium = HeadlessChromium.window(1280, 1000);
        WebDriver browser = this.chromium.driver();
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        List<String> violations = new ArrayList<>();
        audit(browser, "/console/login", "", violations);
        audit(browser, "/console/login?error", "", violations);
        audit(browser, this.links.fixed(open).replaceFirst("^https?://[^/]+", ""), "", violations);

        ConsoleLogin.login(browser, url(""), ADMIN_USERNAME, ADMIN_PASSWORD);
        browser.get(url("/console/errors/" + fixed));
        browser.findElement(By.name("note")).sendKeys("corrected in the CMS");
        browser.findElement(By.cssSelector("button[value=FIXED]")).click();
        await().untilAsserted(() -> assertThat(browser.findElement(By.cssSelector(".flash-ok")).getText()).isNotEmpty());
        browser.get(url("/console/digests"));
        browser.findElement(By.cssSelector("form[action$='/console/digests/send'] button")).click();
        await().untilAsserted(() -> assertThat(browser.findElements(By.cssSelector("a[href*='/console/digests/']"))).isNotEmpty());
        String digest = browser.findElement(By.cssSelector("a[href*='/console/digests/']")).getAttribute("href");

        List<String> pages = List.of("/console/queue", "/console/queue?q=no-error-has-this-text", "/console/errors/" + fixed,
                "/console/errors/" + open, "/console/digests", digest.replaceFirst("^https?://[^/]+", ""), "/console/users",
                "/console/account", "/console/ops/lag", "/console/ops/dead-letters", "/console/no-such-page");
        for (String path : pages) {
            audit(browser, path, "", violations);
        }
        browser.manage().window().setSize(new Dimension(390, 844));
        for (String path : pages) {
            audit(browser, path, " (390 px wide)", violations);
        }
        assertThat(violations).as("axe-core's findings, page by page").isEmpty();
    }

    private void audit(WebDriver browser, String path, String width, List<String> violations) {
        browser.get(url(path));
        AxeAudit.violations(browser).forEach((violation) -> violations.add(path + width + ": " + violation));
    }

    private String url(String path) {
        return "http://127.0.0.1:" + this.port + path;
    }

}
