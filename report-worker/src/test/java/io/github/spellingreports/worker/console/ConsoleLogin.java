package io.github.spellingreports.worker.console;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The console's login form, filled in a browser as a person fills it. */
final class ConsoleLogin {

    private ConsoleLogin() {
    }

    /**
     * Opens the console, is sent to the login form, logs in, and waits for the console (Spring
     * Security marks the replayed saved request with "?continue").
     * @param console the worker's address, {@code http://127.0.0.1:PORT}
     */
    static void login(WebDriver browser, String console, String username, String password) {
        browser.get(console + "/console");
        browser.findElement(By.name("username")).sendKeys(username);
        browser.findElement(By.name("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().untilAsserted(() -> assertThat(browser.getCurrentUrl()).matches(".*/console(\\?continue)?"));
    }

}
