package io.github.spellingreports.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Debian's headless Chromium driven through the system chromedriver, so Selenium Manager never
 * downloads anything. Without them the browser tests skip, except on CI (env {@code CI} set), where
 * a missing browser is a broken build.
 * <p>
 * Each browser has a throw-away profile, keeps its console log (read it with
 * {@code driver().manage().logs().get(LogType.BROWSER)}) and writes chromedriver's log to
 * {@code target/chromedriver.log}; {@link #close()} quits it and deletes the profile.
 */
public final class HeadlessChromium implements AutoCloseable {

    public static final Path BROWSER = Path.of("/usr/bin/chromium");

    public static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--lang=en-US");

    private final ChromeDriver driver;

    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test when Chromium or chromedriver is missing; fails it on CI. */
    public static void assumeInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "Browser tests need " + BROWSER + " and " + DRIVER
                + "; install them with: sudo apt-get install -y chromium chromium-driver";
        if (System.getenv("CI") != null) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    /** A browser whose window (the headless browser's frame included) is width x height pixels. */
    public static HeadlessChromium window(int width, int height) {
        return start(new ChromeOptions().addArguments("--window-size=" + width + "," + height));
    }

    /** A desktop browser whose viewport is 1280x800 CSS pixels. */
    public static HeadlessChromium desktop() {
        HeadlessChromium chromium = window(1280, 800);
        ChromeDriver driver = chromium.driver();
        // The window size includes the (hidden) browser frame; grow it by that much.
        Dimension window = driver.manage().window().getSize();
        long frameWidth = (Long) driver.executeScript("return outerWidth - innerWidth");
        long frameHeight = (Long) driver.executeScript("return outerHeight - innerHeight");
        driver.manage().window().setSize(new Dimension(window.getWidth() + (int) frameWidth,
                window.getHeight() + (int) frameHeight));
        return chromium;
    }

    /** A phone: 360 CSS pixels wide, touch events, a mobile user agent. */
    public static HeadlessChromium phone() {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("mobileEmulation", Map.of(
                "deviceMetrics", Map.of("width", 360, "height", 760, "pixelRatio", 2.0, "touch", true),
                "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/156.0.0.0 Mobile Safari/537.36"));
        return start(options);
    }

    private static HeadlessChromium start(ChromeOptions options) {
        assumeInstalled();
        Path profile;
        try {
            profile = Files.createTempDirectory("chromium-profile");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        options.setBinary(BROWSER.toFile());
        options.addArguments(ARGUMENTS);
        options.addArguments("--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options), profile);
    }

    public ChromeDriver driver() {
        return this.driver;
    }

    @Override
    public void close() {
        try {
            this.driver.quit();
        }
        finally {
            deleteRecursively(this.profile);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
        }
        catch (IOException ex) {
            // A leftover temp profile is harmless.
        }
    }

}
