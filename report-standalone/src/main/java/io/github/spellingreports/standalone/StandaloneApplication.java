package io.github.spellingreports.standalone;

import java.util.List;

import io.github.spellingreports.standalone.StandaloneSettings.InvalidSettingsException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.env.ConfigurableEnvironment;

/**
 * {@code java -jar report-standalone.jar}: the whole product in one JVM, data kept in
 * {@code ./data} (or {@code --spelling.standalone.data-dir=...}). Ctrl+C stops it cleanly;
 * {@code --help} lists its settings.
 */
public final class StandaloneApplication {

    private static final Logger log;

    static {
        // Boot sets it for its log pattern when the first application starts; the broker logs before that
        System.setProperty("PID", String.valueOf(ProcessHandle.current().pid()));
        log = LoggerFactory.getLogger(StandaloneApplication.class);
    }

    private StandaloneApplication() {
    }

    public static void main(String[] args) {
        if (Usage.asked(args)) {
            System.out.print(Usage.TEXT);
            return;
        }
        if (List.of(args).contains(Usage.VERSION)) {
            System.out.println(Usage.version());
            return;
        }
        ConfigurableEnvironment environment = StandaloneSettings.environment(args);
        StandaloneSettings settings;
        try {
            settings = StandaloneSettings.load(environment);
        }
        catch (InvalidSettingsException ex) {
            System.err.println(ex.getMessage());
            System.exit(2);
            return;
        }
        log.info("Starting spelling-reports standalone with data in {}", settings.dataPath());
        Standalone standalone = new Standalone(settings, environment, args);
        Runtime.getRuntime().addShutdownHook(new Thread(standalone::close, "standalone-shutdown"));
        try {
            standalone.start();
        }
        catch (Standalone.StartCancelledException ex) {
            log.info(ex.getMessage());
            return;
        }
        catch (RuntimeException ex) {
            log.error("spelling-reports standalone did not start: {}", causes(ex));
            log.debug("Start-up failure", ex);
            System.exit(1);
            return;
        }
        log.info(StartupBanner.summary(standalone));
        System.out.println(StartupBanner.text(standalone));
    }

    private static String causes(Throwable failure) {
        StringBuilder text = new StringBuilder(String.valueOf(failure.getMessage()));
        for (Throwable cause = failure.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            if (cause.getMessage() != null && !text.toString().contains(cause.getMessage())) {
                text.append(System.lineSeparator()).append("  caused by: ").append(cause.getMessage());
            }
        }
        return text.toString();
    }

}
