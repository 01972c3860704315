package io.github.spellingreports.worker.digest;

import io.github.spellingreports.testsupport.AxeAudit;
import io.github.spellingreports.testsupport.HeadlessChromium;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest's HTML as an editor's mail program shows it, audited by axe-core in a real headless
 * Chromium (WCAG 2.x A and AA, and best practices but a page's landmarks, which are the mail
 * program's): pages, errors in context, comments, the
 * one-click links, an untitled page and a right-to-left one.
 */
class DigestMailAccessibilityBrowserIntegrationTests extends DigestApiTestSupport {

    @Test
    void theDigestsHtmlMeetsTheAudit() {
        long politics = this.data.error("https://news.example/politics", "Election night", "The votes were ", "countd",
                " by hand in every district");
        this.data.report(politics, "Should be counted");
        this.data.reports(politics, 2);
        this.data.reports(this.data.error("https://news.example/untitled", null, "", "Teh", " end"), 1);
        this.data.reports(this.data.error("https://news.example/he/weather", "מזג האוויר", "he", "סערה ", "חזקה", " מתקרבת"), 1);
        assertThat(this.api.create().status()).isEqualTo(HttpStatus.CREATED);
        String html = DigestMail.of(greenMail.getReceivedMessages()[0]).html().outerHtml();

        try (HeadlessChromium chromium = HeadlessChromium.window(1280, 1000)) {
            assertThat(AxeAudit.violationsOfMail(chromium.driver(), html)).as("axe-core's findings").isEmpty();
            assertThat(chromium.driver().findElements(By.cssSelector(".error mark"))).as("the digest's errors, audited")
                    .extracting(WebElement::getText).containsExactlyInAnyOrder("countd", "Teh", "חזקה");
        }
    }

}
