package io.github.spellingreports.worker.digest;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import io.github.spellingreports.testsupport.HeadlessChromium;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.chrome.ChromeDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The links of the digest and the console as an editor's browser follows them: Chromium opens the
 * page scrolled to the reported text, far below the first screen, or (when it finds nothing) at the
 * top.
 */
class TextFragmentLinkBrowserIntegrationTests {

    private static final String PAGE = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body>
            <div style="height: 3000px">Top of the page</div>
            <p>The council said it recieved more than two thousand replies to its survey of readers.</p>
            <p>Most of those who answered asked for longer evenings at the library.</p>
            <div style="height: 3000px"></div>
            </body></html>""";

    private static HttpServer site;

    private static HeadlessChromium chromium;

    @BeforeAll
    static void start() throws IOException {
        site = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        site.createContext("/article", (exchange) -> {
            byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        site.start();
        chromium = HeadlessChromium.window(1280, 600);
    }

    @AfterAll
    static void stop() {
        if (chromium != null) {
            chromium.close();
        }
        if (site != null) {
            site.stop(0);
        }
    }

    @Test
    void aSelectionWithinAParagraphOpensThePageAtIt() {
        assertOpensAtTheText(TextFragmentLink.of(page(), "The council said it ", "recieved more", " than two thousand"));
    }

    @Test
    void aSelectionAcrossTwoParagraphsOpensThePageAtIt() {
        // as the widget sends it: the paragraphs' break is white space, context from each end's paragraph
        String link = TextFragmentLink.of(page(), "replies to its survey of ", "readers. Most of", " those who answered");
        assertOpensAtTheText(link);
        // the text alone, as links were before: the browser does not find it across the paragraphs
        assertOpensAtTheTop(link.substring(0, link.indexOf('&')));
    }

    @Test
    void textThatIsNotOnThePageOpensItAtTheTop() {
        assertOpensAtTheTop(TextFragmentLink.of(page(), "The council said it ", "received fewer", " than two thousand"));
    }

    private static void assertOpensAtTheText(String link) {
        ChromeDriver driver = open(link);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrollY(driver)).as(link).isGreaterThan(2000));
    }

    private static void assertOpensAtTheTop(String link) {
        ChromeDriver driver = open(link);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(scrollY(driver)).as(link).isZero());
    }

    private static ChromeDriver open(String link) {
        ChromeDriver driver = chromium.driver();
        // a new document each time: a browser scrolls to a text fragment only when it loads the page
        driver.get("about:blank");
        driver.get(link);
        return driver;
    }

    private static long scrollY(ChromeDriver driver) {
        return ((Number) driver.executeScript("return Math.round(scrollY)")).longValue();
    }

    private static String page() {
        return "http://127.0.0.1:" + site.getAddress().getPort() + "/article";
    }

}
