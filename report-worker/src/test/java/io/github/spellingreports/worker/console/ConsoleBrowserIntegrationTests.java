package io.github.spellingreports.worker.console;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import io.github.spellingreports.testsupport.HeadlessChromium;
import io.github.spellingreports.testsupport.Screenshots;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.Rectangle;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real headless Chromium: log in, filter, mark an error fixed, see it leave the
 * queue; change one's password. Saves screenshots of the queue page (target/screenshots; with -Dscreenshots.update=true also docs/screenshots for the README).
 */
class ConsoleBrowserIntegrationTests extends WorkerIntegrationTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConsoleAccounts accounts;

    HeadlessChromium chromium;

    WebDriver browser;

    @BeforeEach
    void startBrowser() {
        this.chromium = HeadlessChromium.window(1280, 1500);
        this.browser = this.chromium.driver();
        this.browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        this.jdbc.sql("truncate table report, spelling_error cascade").update();
    }

    @AfterEach
    void stopBrowser() {
        if (this.chromium != null) {
            this.chromium.close();
        }
    }

    @Test
    void editorLogsInFiltersAndMarksAnErrorFixed() throws Exception {
        ConsoleTestData data = new ConsoleTestData(this.jdbc);
        String budget = "https://news.example.com/politics/budget-2027";
        long recieve = data.error(budget, "Budget 2027: what changes", "The ministry will ", "recieve", " the draft budget on Monday.", "i before e");
        data.addReports(recieve, 4, "Typo in the second paragraph");
        long parliament = data.error(budget, "Budget 2027: what changes", "Members of ", "parliment", " voted late on Thursday.", null);
        data.addReports(parliament, 2, null);
        long script = data.error("https://news.example.com/sport/final", "Cup final report", "A goal in the ", "<script>alert(1)</script>",
                " minute decided it.", "<b>not bold</b>");
        data.addReports(script, 1, null);
        long stadium = data.error("https://news.example.com/sport/final", "Cup final report", "The new ", "stadiun", " holds 40,000 fans.",
                null);

        login(ADMIN_USERNAME, ADMIN_PASSWORD);
        assertThat(queuedIds()).containsExactly(recieve, parliament, script, stadium);
        assertThat(this.browser.findElement(By.cssSelector("[data-error-id='" + script + "'] mark")).getText())
                .isEqualTo("<script>alert(1)</script>");
        Screenshots.saveForDocs(this.chromium.driver(), "console-queue.png");
        this.browser.manage().window().setSize(new Dimension(390, 1400));
        Screenshots.save(this.chromium.driver(), "console-queue-phone.png");
        this.browser.manage().window().setSize(new Dimension(1280, 1500));

        WebElement search = this.browser.findElement(By.name("q"));
        search.sendKeys("STADIUN");
        this.browser.findElement(By.cssSelector(".filters button[type=submit]")).click();
        // elements of the page before the click go stale while the filtered page loads
        await().ignoreExceptions().untilAsserted(() -> assertThat(queuedIds()).containsExactly(stadium));

        this.browser.findElement(By.cssSelector("[data-error-id='" + stadium + "'] input.pick-box")).click();
        this.browser.findElement(By.cssSelector(".bulkbar button[value=FIXED]")).click();

        await().untilAsserted(() -> assertThat(this.browser.findElement(By.cssSelector(".flash-ok")).getText())
                .isEqualTo("1 error marked fixed."));
        assertThat(this.browser.findElements(By.cssSelector("[data-error-id='" + stadium + "']"))).isEmpty();
        assertThat(this.browser.findElement(By.name("q")).getAttribute("value")).isEqualTo("STADIUN");
        this.browser.findElement(By.linkText("Reset")).click();
        await().ignoreExceptions().untilAsserted(() -> assertThat(queuedIds()).containsExactly(recieve, parliament, script));
        assertThat(data.status(stadium)).isEqualTo("FIXED");
    }

    /**
     * Enter in the note is a new line of the note, not a decision: in a one-line field it submitted
     * the form with its first button, and the error was marked fixed while the editor was still
     * writing why it should be dismissed.
     */
    @Test
    void enterInTheNoteDoesNotChangeTheStatus() {
        ConsoleTestData data = new ConsoleTestData(this.jdbc);
        long error = data.error("https://news.example.com/style", "House style", "We write ", "organise", " with an s.", null);

        login(ADMIN_USERNAME, ADMIN_PASSWORD);
        this.browser.get("http://127.0.0.1:" + this.port + "/console/errors/" + error);
        WebElement note = this.browser.findElement(By.name("note"));
        note.sendKeys("house style,");
        note.sendKeys(Keys.ENTER);
        note.sendKeys("not a typo");
        Screenshots.save(this.chromium.driver(), "console-error-note.png");
        assertThat(data.status(error)).isEqualTo("NEW");
        assertThat(this.browser.findElements(By.cssSelector(".flash-ok"))).isEmpty();

        this.browser.findElement(By.cssSelector(".status-buttons button[value=DISMISSED]")).click();
        await().untilAsserted(() -> assertThat(this.browser.findElement(By.cssSelector(".flash-ok")).getText())
                .isEqualTo("Marked dismissed."));
        assertThat(data.status(error)).isEqualTo("DISMISSED");
        assertThat(this.jdbc.sql("select note from status_change where error_id = ?").param(error).query(String.class).single())
                .isEqualTo("house style,\nnot a typo");
    }

    /** An editor forgot their password: an admin sets a new one, the editor logs in with it and picks their own. */
    @Test
    void adminSetsANewPasswordAndTheEditorChangesItOnTheAccountPage() {
        String name = "browser-" + UUID.randomUUID().toString().substring(0, 8);
        this.accounts.create(name, "forgotten by the editor", ConsoleAccounts.Role.EDITOR, "test");
        login(ADMIN_USERNAME, ADMIN_PASSWORD);
        this.browser.findElement(By.linkText("Users")).click();
        await().untilAsserted(() -> assertThat(this.browser.getCurrentUrl()).endsWith("/console/users"));
        this.browser.findElement(By.cssSelector("input[aria-label='New password for " + name + "']"))
                .sendKeys("given by the admin");
        this.browser.findElement(By.xpath("//tr[td[1]='" + name + "']//form[@class='set-password']//button")).click();
        await().untilAsserted(() -> assertThat(this.browser.findElement(By.cssSelector(".flash-ok")).getText())
                .isEqualTo("New password set for " + name + "; their open sessions have ended."));
        Screenshots.save(this.chromium.driver(), "console-users.png");
        this.browser.findElement(By.cssSelector(".logout button")).click();
        await().untilAsserted(() -> assertThat(this.browser.getCurrentUrl()).endsWith("/console/login?logout"));

        login(name, "given by the admin");
        this.browser.manage().window().setSize(new Dimension(390, 1000));
        this.browser.findElement(By.linkText("Account")).click();
        await().untilAsserted(() -> assertThat(this.browser.getCurrentUrl()).endsWith("/console/account"));
        this.browser.findElement(By.name("currentPassword")).sendKeys("given by the admin");
        this.browser.findElement(By.name("newPassword")).sendKeys("only I know this one");
        this.browser.findElement(By.name("repeatedPassword")).sendKeys("only I know this one");
        this.browser.findElement(By.cssSelector("#change-password button[type=submit]")).click();

        await().untilAsserted(() -> assertThat(this.browser.findElement(By.cssSelector(".flash-ok")).getText())
                .isEqualTo("Your password is changed. Your other sessions have ended."));
        Screenshots.save(this.chromium.driver(), "console-account-phone.png");
        this.browser.findElement(By.linkText("Queue")).click();
        await().untilAsserted(() -> assertThat(this.browser.getCurrentUrl()).endsWith("/console/queue"));
        assertThat(this.browser.findElement(By.cssSelector(".logout .who")).getDomProperty("textContent")).isEqualTo(name);
    }

    /**
     * A selection holding the start of a right-to-left override (a slice of a page, or sent so on
     * purpose) showed its context after it backwards: "ab.ecnetnes siht yb dewollof si dc".
     */
    @Test
    void aBidiOverrideInTheSelectionKeepsToTheSelection() {
        ConsoleTestData data = new ConsoleTestData(this.jdbc);
        long error = data.error("https://news.example.com/bidi", "The word ", "ab\u202Ecd", " is followed by this sentence.",
                null);

        login(ADMIN_USERNAME, ADMIN_PASSWORD);
        String card = "[data-error-id='" + error + "'] .context";
        assertThat(readsLeftToRight(card + " mark + span")).isTrue();
        assertThat(leftOf(card + " mark + span")).isGreaterThanOrEqualTo(rightOf(card + " mark") - 1);

        this.browser.get("http://127.0.0.1:" + this.port + "/console/errors/" + error);
        assertThat(readsLeftToRight("p.context mark + span")).isTrue();
    }

    /** The first Tab offers to skip the navigation; the open page's link says it is the current one. */
    @Test
    void keyboardUsersSkipTheNavigationAndHearWhichPageIsOpen() {
        login(ADMIN_USERNAME, ADMIN_PASSWORD);
        this.browser.get("http://127.0.0.1:" + this.port + "/console/queue");

        new Actions(this.browser).sendKeys(Keys.TAB).perform();
        WebElement skip = this.browser.switchTo().activeElement();
        assertThat(skip.getText()).isEqualTo("Skip to content");
        assertThat(skip.getRect().getX()).as("shown when focused").isGreaterThanOrEqualTo(0);
        new Actions(this.browser).sendKeys(Keys.ENTER).perform();
        new Actions(this.browser).sendKeys(Keys.TAB).perform();
        assertThat(this.browser.switchTo().activeElement().getDomAttribute("name")).as("the queue's first filter").isEqualTo("status");

        assertThat(this.browser.findElements(By.cssSelector("nav a[aria-current=page]"))).extracting(WebElement::getText)
                .containsExactly("Queue");
        this.browser.findElement(By.linkText("Digests")).click();
        await().untilAsserted(() -> assertThat(this.browser.findElements(By.cssSelector("nav a[aria-current=page]")))
                .extracting(WebElement::getText).containsExactly("Digests"));
    }

    /**
     * A link in a digest of the archive opens in a new tab, as a mail program opens it: in the archive's frame it
     * went nowhere (the frame's sandbox kept it in the frame, where the console and most sites refuse to be shown).
     * The error's page is the console's queue here, so that the link stays on this machine.
     */
    @Test
    void aLinkInAnArchivedDigestOpensInANewTab() {
        ConsoleTestData data = new ConsoleTestData(this.jdbc);
        String page = "http://127.0.0.1:" + this.port + "/console/queue";
        data.error(page, "The queue as an article", "Readers who ", "recieve", " our newsletter", null);
        login(ADMIN_USERNAME, ADMIN_PASSWORD);
        this.browser.get("http://127.0.0.1:" + this.port + "/console/digests");
        this.browser.findElement(By.cssSelector("form[action$='/console/digests/send'] button")).click();
        String flash = await().until(() -> this.browser.findElement(By.cssSelector(".flash-ok")).getText(), (text) -> text.contains("#"));
        String digest = flash.replaceFirst("(?s).*#(\\d+).*", "$1");
        this.browser.get("http://127.0.0.1:" + this.port + "/console/digests/" + digest);
        String console = this.browser.getWindowHandle();

        this.browser.switchTo().frame(this.browser.findElement(By.cssSelector("iframe.mail-frame")));
        this.browser.findElement(By.linkText("The queue as an article")).click();
        this.browser.switchTo().defaultContent();

        await().untilAsserted(() -> assertThat(this.browser.getWindowHandles()).hasSize(2));
        this.browser.switchTo().window(this.browser.getWindowHandles().stream().filter((handle) -> !handle.equals(console))
                .findFirst().orElseThrow());
        await().untilAsserted(() -> assertThat(this.browser.getTitle()).isEqualTo("Queue · Spelling reports"));
        assertThat(this.browser.findElements(By.cssSelector("[data-error-id] mark"))).extracting(WebElement::getText)
                .contains("recieve");
    }

    /** @return whether the second character of the element's text is left of its last, as in English */
    private boolean readsLeftToRight(String css) {
        return (Boolean) ((JavascriptExecutor) this.browser).executeScript("""
                const text = document.querySelector(arguments[0]).firstChild;
                const range = document.createRange();
                const left = (i) => { range.setStart(text, i); range.setEnd(text, i + 1); return range.getBoundingClientRect().left; };
                return left(1) < left(text.length - 1);""", css);
    }

    private double leftOf(String css) {
        return this.browser.findElement(By.cssSelector(css)).getRect().getX();
    }

    private double rightOf(String css) {
        Rectangle rect = this.browser.findElement(By.cssSelector(css)).getRect();
        return rect.getX() + rect.getWidth();
    }

    private void login(String username, String password) {
        this.browser.get("http://127.0.0.1:" + this.port + "/console");
        assertThat(this.browser.getCurrentUrl()).endsWith("/console/login");
        this.browser.findElement(By.name("username")).sendKeys(username);
        this.browser.findElement(By.name("password")).sendKeys(password);
        this.browser.findElement(By.cssSelector("button[type=submit]")).click();
        // Spring Security marks the replayed saved request with "?continue"
        await().untilAsserted(() -> assertThat(this.browser.getCurrentUrl()).matches(".*/console(\\?continue)?"));
    }

    private List<Long> queuedIds() {
        return this.browser.findElements(By.cssSelector("article.error-card")).stream()
                .map((card) -> Long.parseLong(card.getDomAttribute("data-error-id"))).toList();
    }

}
