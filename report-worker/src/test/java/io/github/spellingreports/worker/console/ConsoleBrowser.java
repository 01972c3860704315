package io.github.spellingreports.worker.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Debian's headless Chromium through the system chromedriver, for the console's browser tests
 * (Selenium Manager never downloads anything). Missing: skipped on a developer's machine, a
 * failure on CI (env {@code CI}).
 */
final class ConsoleBrowser {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private ConsoleBrowser() {
    }

    /**
     * @param profile a fresh, empty directory for the browser profile
     * @return a 1280x1500 headless browser that keeps its console log
     */
    static WebDriver start(Path profile) {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        String howTo = "Chromium and its driver are needed: apt-get install -y chromium chromium-driver";
        if (System.getenv("CI") != null) {
            assertThat(installed).as(howTo).isTrue();
        }
        assumeThat(installed).as(howTo).isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile.toAbsolutePath());
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(5));
        browser.manage().window().setSize(new Dimension(1280, 1500));
        return browser;
    }

}
