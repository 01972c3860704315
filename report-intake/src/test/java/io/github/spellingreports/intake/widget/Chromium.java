package io.github.spellingreports.intake.widget;

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
 */
final class Chromium {

    static final Path BROWSER = Path.of("/usr/bin/chromium");

    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private static final List<String> ARGUMENTS = List.of("--headless=new", "--no-sandbox", "--disable-gpu",
            "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--lang=en-US");

    private Chromium() {
    }

    static void assumeInstalled() {
        if (Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER)) {
            return;
        }
        String message = "The widget's browser tests need " + BROWSER + " and " + DRIVER
                + "; install them with: sudo apt-get install -y chromium chromium-driver";
        if (System.getenv("CI") != null) {
            fail(message);
        }
        Assumptions.abort(message);
    }

    /** A desktop browser whose viewport is 1280x800 CSS pixels. */
    static Session desktop() {
        Session session = start(new ChromeOptions().addArguments("--window-size=1280,800"));
        // The window size includes the (hidden) browser frame; grow it by that much.
        Dimension window = session.driver().manage().window().getSize();
        long frameWidth = (Long) session.driver().executeScript("return outerWidth - innerWidth");
        long frameHeight = (Long) session.driver().executeScript("return outerHeight - innerHeight");
        session.driver().manage().window().setSize(new Dimension(window.getWidth() + (int) frameWidth,
                window.getHeight() + (int) frameHeight));
        return session;
    }

    /** A phone: 360 CSS pixels wide, touch events, a mobile user agent. */
    static Session phone() {
        ChromeOptions options = new ChromeOptions();
        options.setExperimentalOption("mobileEmulation", Map.of(
                "deviceMetrics", Map.of("width", 360, "height", 760, "pixelRatio", 2.0, "touch", true),
                "userAgent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
                        + "Chrome/156.0.0.0 Mobile Safari/537.36"));
        return start(options);
    }

    private static Session start(ChromeOptions options) {
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
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(new File("target/chromedriver.log"))
                .build();
        return new Session(new ChromeDriver(service, options), profile);
    }

    /** A running browser and its throw-away profile, both gone after {@link #close()}. */
    record Session(ChromeDriver driver, Path profile) implements AutoCloseable {

        @Override
        public void close() {
            try {
                driver.quit();
            }
            finally {
                deleteRecursively(profile);
            }
        }

        private static void deleteRecursively(Path directory) {
            try (Stream<Path> paths = Files.walk(directory)) {
                paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            catch (IOException ex) {
                // A leftover temp profile is harmless.
            }
        }

    }

}
