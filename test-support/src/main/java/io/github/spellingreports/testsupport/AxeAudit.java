package io.github.spellingreports.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

/**
 * An accessibility audit of what a browser shows, by axe-core (Deque's engine, the one Lighthouse's
 * accessibility audit runs) with its default rules: WCAG 2.x levels A
 * and AA, and best practices. It looks into open shadow roots, so a widget's dialog is audited with
 * its page. Only what is rendered is judged: open a dialog, or show a message, before auditing it.
 */
public final class AxeAudit {

    /** axe-core's own file, from Deque's jar; injected through WebDriver, so no page's CSP applies. */
    private static final String AXE = load("axe.min.js");

    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            const rules = {};
            arguments[1].forEach((rule) => rules[rule] = { enabled: false });
            axe.run(arguments[0] ? { include: [[arguments[0]]] } : document, { resultTypes: ['violations'], rules })
                .then((result) => done(result.violations.map((v) => v.id + ' (' + v.impact + '): ' + v.help
                    + ' -> ' + v.nodes.slice(0, 5).map((n) => n.target.join(' >> ')).join(', '))))
                .catch((error) => done(['axe did not run: ' + error]));
            """;

    /**
     * A page's landmark rules: a mail program shows a mail inside its own page, with its own
     * landmarks (the message pane), so a mail's HTML has none of its own to offer.
     */
    private static final List<String> PAGE_LANDMARK_RULES = List.of("landmark-one-main", "region");

    private AxeAudit() {
    }

    /**
     * @return one line per rule the page breaks (rule, impact, what it asks, up to five offending
     * elements by CSS selector); empty when it breaks none
     */
    public static List<String> violations(WebDriver driver) {
        return violations(driver, null);
    }

    /**
     * The audit of a mail's HTML, opened in the browser as a document of its own: the rules of
     * {@link #violations(WebDriver)} but a page's landmark rules.
     * @param html the mail's text/html part
     * @return as {@link #violations(WebDriver)}
     */
    public static List<String> violationsOfMail(WebDriver driver, String html) {
        driver.get("data:text/html;charset=utf-8;base64,"
                + Base64.getEncoder().encodeToString(html.getBytes(StandardCharsets.UTF_8)));
        return run(driver, null, PAGE_LANDMARK_RULES);
    }

    /**
     * The audit of one element and what it holds, its shadow root included: a widget on a page that
     * is not ours to judge.
     * @param selector CSS selector of the element, or {@code null} for the whole document
     * @return as {@link #violations(WebDriver)}
     */
    public static List<String> violations(WebDriver driver, String selector) {
        return run(driver, selector, List.of());
    }

    @SuppressWarnings("unchecked")
    private static List<String> run(WebDriver driver, String selector, List<String> rulesOff) {
        JavascriptExecutor browser = (JavascriptExecutor) driver;
        if (!Boolean.TRUE.equals(browser.executeScript("return typeof window.axe === 'object'"))) {
            browser.executeScript(AXE);
        }
        return (List<String>) browser.executeAsyncScript(RUN, selector, rulesOff);
    }

    private static String load(String resource) {
        try (InputStream in = AxeAudit.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path (com.deque.html.axe-core:selenium)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
