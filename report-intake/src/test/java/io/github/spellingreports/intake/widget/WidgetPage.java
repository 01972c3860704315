package io.github.spellingreports.intake.widget;

import java.nio.file.Path;
import java.util.List;

import io.github.spellingreports.testsupport.Screenshots;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.SearchContext;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A page with the widget embedded, seen through a real browser: selections set precisely by script,
 * keys pressed for real, the widget's elements found in its shadow root.
 */
final class WidgetPage {

    /** Selects from (anchor element, text, offset in text) to (focus element, text, offset); backwards when focus comes first. */
    private static final String SELECT = """
            function point(css, text, delta) {
              const walker = document.createTreeWalker(document.querySelector(css), NodeFilter.SHOW_TEXT);
              for (let node; (node = walker.nextNode());) {
                const at = node.data.indexOf(text);
                if (at >= 0) { return [node, at + delta]; }
              }
              throw new Error('no text ' + text + ' in ' + css);
            }
            const anchor = point(arguments[0], arguments[1], arguments[2]);
            const focus = point(arguments[3], arguments[4], arguments[5]);
            getSelection().setBaseAndExtent(anchor[0], anchor[1], focus[0], focus[1]);
            """;

    private final ChromeDriver driver;

    WidgetPage(ChromeDriver driver) {
        this.driver = driver;
    }

    ChromeDriver driver() {
        return driver;
    }

    WidgetPage open(String url) {
        driver.get(url);
        await().untilAsserted(() -> assertThat(script("return window.__spellingReports === true")).isEqualTo(true));
        return this;
    }

    WidgetPage select(String css, String text) {
        return select(css, text, 0, css, text, text.length());
    }

    WidgetPage select(String anchorCss, String anchorText, int anchorOffset, String focusCss, String focusText,
            int focusOffset) {
        driver.executeScript(SELECT, anchorCss, anchorText, anchorOffset, focusCss, focusText, focusOffset);
        return this;
    }

    WidgetPage press(Keys modifier, CharSequence key) {
        new Actions(driver).keyDown(modifier).sendKeys(key).keyUp(modifier).perform();
        return this;
    }

    WidgetPage press(CharSequence... keys) {
        new Actions(driver).sendKeys(keys).perform();
        return this;
    }

    /** Waits for the open dialog. */
    WebElement dialog() {
        await().untilAsserted(() -> assertThat(dialogs()).hasSize(1));
        return dialogs().get(0);
    }

    List<WebElement> dialogs() {
        return allInWidget("[role=dialog]");
    }

    SearchContext widget() {
        return driver.findElement(By.tagName("spelling-reports-widget")).getShadowRoot();
    }

    WebElement inWidget(String css) {
        return widget().findElement(By.cssSelector(css));
    }

    /** Matching elements in the widget; none while the widget has not drawn anything yet. */
    List<WebElement> allInWidget(String css) {
        List<WebElement> hosts = driver.findElements(By.tagName("spelling-reports-widget"));
        return hosts.isEmpty() ? List.of() : hosts.get(0).getShadowRoot().findElements(By.cssSelector(css));
    }

    /** The focused element inside the widget's shadow root, or null. */
    Object focusedInWidget() {
        return script("return document.querySelector('spelling-reports-widget').shadowRoot.activeElement");
    }

    Object focusedInPage() {
        return script("return document.activeElement");
    }

    /** The widget's retry queue (JSON array) for this page's origin. */
    String pendingReports() {
        Object value = script("return localStorage.getItem('spelling-reports:pending')");
        return value == null ? "[]" : (String) value;
    }

    Object script(String script, Object... arguments) {
        return driver.executeScript(script, arguments);
    }

    /**
     * Saves a screenshot of the viewport as target/screenshots/NAME.png, and as the README's
     * docs/screenshots/NAME.png with {@code -Dscreenshots.update=true}.
     */
    Path screenshot(String name) {
        return Screenshots.saveForDocs(driver, name + ".png");
    }

}
