package io.github.spellingreports.standalone;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.github.spellingreports.standalone.kafka.KafkaBroker;
import io.github.spellingreports.worker.config.AdminAccount;
import io.github.spellingreports.worker.config.WorkerProperties;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a person who just typed the run command needs to know: where to click, how to log in,
 * where the data is.
 */
final class StartupBanner {

    private static final String RULE = "=".repeat(78);

    private StartupBanner() {
    }

    static String text(Standalone standalone) {
        StandaloneSettings settings = standalone.settings();
        String intake = baseUrl(standalone.intake(), settings);
        String worker = baseUrl(standalone.worker(), settings);
        AdminAccount admin = standalone.worker().getBean(AdminAccount.class);
        List<String> lines = new ArrayList<>();
        lines.add(RULE);
        lines.add(String.format(Locale.ROOT, " spelling-reports standalone is up (started in %.1f s, JVM up %.1f s)",
                standalone.startupTime().toMillis() / 1000.0, ManagementFactory.getRuntimeMXBean().getUptime() / 1000.0));
        lines.add("");
        lines.add(row("Intake", intake + "/"));
        lines.add(row("Demo page", intake + "/demo"));
        ServiceSettings.originsNote(settings, standalone.intake().getEnvironment().getProperty("spelling.intake.allowed-origins"))
                .ifPresent((note) -> lines.add(row("Origins", note)));
        lines.add(row("Report API", "POST " + intake + "/api/v1/reports"));
        lines.add(row("Worker console", worker + "/"));
        lines.add(row("Queue API", worker + "/api/v1/errors"));
        lines.add(row("Health", worker + "/actuator/health , " + intake + "/actuator/health"));
        lines.add(row("Metrics", worker + "/actuator/prometheus , " + intake + "/actuator/prometheus  ("
                + metricsLogin(standalone.worker().getBean(WorkerProperties.class).metrics()) + ")"));
        lines.add(standalone.inbox()
                .map((inbox) -> row("Mail inbox", worker + "/console/inbox  (digests go to SMTP 127.0.0.1:" + inbox.port()
                        + ", kept in memory)"))
                .orElseGet(() -> row("Mail", "SMTP " + standalone.worker().getEnvironment().getProperty("spring.mail.host")
                        + ":" + standalone.worker().getEnvironment().getProperty("spring.mail.port", "25"))));
        lines.add(row("Admin login", admin.username() + " / " + adminPassword(admin, settings)));
        lines.add(row("Kafka", standalone.bootstrapServers() + "  (SASL/PLAIN, user " + KafkaBroker.USERNAME
                + "; client settings in " + settings.dataPath().resolve(Standalone.KAFKA_CLIENT_PROPERTIES) + ")"));
        lines.add(row("PostgreSQL", standalone.jdbcUrl() + "  (user postgres, password in "
                + StoredSecret.POSTGRES_PASSWORD.file(settings.dataPath()) + ")"));
        lines.add(row("Data", settings.dataPath() + "  (kafka/, postgres/)"));
        lines.add("");
        lines.add(" Stop with Ctrl+C: the queue is kept for the next start.");
        lines.add(RULE);
        return String.join(System.lineSeparator(), lines);
    }

    /** Who may scrape the worker's metrics. */
    private static String metricsLogin(WorkerProperties.Metrics metrics) {
        return metrics.enabled() ? "worker: user " + metrics.username() + " or the admin"
                : "worker: the admin; SPELLING_WORKER_METRICS_PASSWORD adds a user metrics for Prometheus";
    }

    /** The password is shown only when the standalone made it; a configured one stays out of the console. */
    private static String adminPassword(AdminAccount admin, StandaloneSettings settings) {
        Path stored = StoredSecret.ADMIN_PASSWORD.file(settings.dataPath());
        if (admin.generated()) {
            return admin.password() + "  (generated; set SPELLING_WORKER_ADMIN_PASSWORD to choose one)";
        }
        if (admin.password().equals(StoredSecret.ADMIN_PASSWORD.readOrCreate(settings.dataPath()))) {
            return admin.password() + "  (kept in " + stored + "; set SPELLING_WORKER_ADMIN_PASSWORD to choose one)";
        }
        return "(the configured password)";
    }

    /**
     * @return the one-line summary for the log, without the password
     */
    static String summary(Standalone standalone) {
        return String.format(Locale.ROOT, "spelling-reports standalone started in %.1f s: intake %s, worker %s, data in %s",
                standalone.startupTime().toMillis() / 1000.0, baseUrl(standalone.intake(), standalone.settings()),
                baseUrl(standalone.worker(), standalone.settings()), standalone.settings().dataPath());
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, " %-15s %s", label, value);
    }

    private static String baseUrl(ConfigurableApplicationContext context, StandaloneSettings settings) {
        String address = settings.address();
        String host = (address.equals("127.0.0.1") || address.equals("0.0.0.0") || address.equals("::")) ? "localhost" : address;
        return "http://" + host + ":" + context.getEnvironment().getProperty("local.server.port");
    }

}
