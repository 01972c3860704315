package io.github.spellingreports.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;

/**
 * Screenshots of the browser tests, saved under the module's {@code target/screenshots}. The
 * copies the README shows (docs/screenshots) are refreshed on request only, with
 * {@code -Dscreenshots.update=true}, so that a build leaves the source tree as it was.
 */
public final class Screenshots {

    private static final Path TARGET = Path.of("target", "screenshots");

    private static final Path DOCS = Path.of("..", "docs", "screenshots");

    private Screenshots() {
    }

    /** Saves a screenshot of the viewport as {@code target/screenshots/fileName}. */
    public static Path save(TakesScreenshot browser, String fileName) {
        try {
            Files.createDirectories(TARGET);
            Path target = TARGET.resolve(fileName);
            Files.write(target, browser.getScreenshotAs(OutputType.BYTES));
            return target;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Saves as {@link #save} does and, with {@code -Dscreenshots.update=true} in a module of this
     * repository, also as {@code docs/screenshots/fileName}.
     */
    public static Path saveForDocs(TakesScreenshot browser, String fileName) {
        Path target = save(browser, fileName);
        if (Boolean.getBoolean("screenshots.update") && Files.exists(Path.of("..", "pom.xml"))) {
            try {
                Files.createDirectories(DOCS);
                Files.copy(target, DOCS.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
            }
            catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return target;
    }

}
