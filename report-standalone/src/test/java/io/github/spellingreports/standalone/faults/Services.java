package io.github.spellingreports.standalone.faults;

import java.util.ArrayList;
import java.util.List;

import io.github.spellingreports.intake.IntakeApplication;
import io.github.spellingreports.testsupport.LoopbackPorts;
import io.github.spellingreports.standalone.postgres.EmbeddedDatabase;
import io.github.spellingreports.worker.WorkerApplication;
import org.apache.kafka.clients.CommonClientConfigs;

import org.springframework.context.ConfigurableApplicationContext;

/**
 * report-intake and report-worker pointed at an {@link Infrastructure}, each as the standalone
 * runs it: settings as command-line arguments, so that they win over intake.yml / worker.yml.
 */
final class Services {

    static final String ADMIN_PASSWORD = "faults-admin-password";

    /**
     * What the intake must not get from the worker's libraries on the shared classpath; the same
     * list as the standalone's {@code ServiceSettings} (package-private there).
     */
    private static final String INTAKE_EXCLUDED_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration");

    private Services() {
    }

    /** The worker's settings as command-line arguments. */
    static List<String> workerArgs(Infrastructure infrastructure) {
        int port = LoopbackPorts.free();
        List<String> args = new ArrayList<>(kafkaArgs(infrastructure));
        args.addAll(List.of("--server.address=127.0.0.1", "--server.port=" + port, "--management.server.port=" + port,
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + infrastructure.jdbcUrl(),
                "--spring.datasource.username=" + EmbeddedDatabase.USERNAME,
                "--spring.datasource.password=" + Infrastructure.DATABASE_PASSWORD,
                "--spelling.worker.admin.password=" + ADMIN_PASSWORD,
                "--spelling.digest.enabled=false",
                // a worker that died holds its partitions until its session times out: 6 s (the
                // broker's minimum) rather than 45 s, so that a restarted worker takes over quickly
                "--spring.kafka.consumer.properties.session.timeout.ms=6000",
                "--spring.kafka.consumer.properties.heartbeat.interval.ms=1000",
                // one line per stored report is too much at this volume
                "--logging.level.io.github.spellingreports.worker.queue.ReportStore=WARN"));
        return args;
    }

    /** The embedded broker's address and credentials, as the standalone gives them to both applications. */
    private static List<String> kafkaArgs(Infrastructure infrastructure) {
        List<String> args = new ArrayList<>();
        infrastructure.kafkaClient().forEach((key, value) -> args.add(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG.equals(key)
                ? "--spring.kafka.bootstrap-servers=" + value : "--spring.kafka.properties." + key + "=" + value));
        return args;
    }

    static ConfigurableApplicationContext worker(Infrastructure infrastructure) {
        return WorkerApplication.builder().registerShutdownHook(false)
                .run(workerArgs(infrastructure).toArray(String[]::new));
    }

    /**
     * @param port the intake's port; its own origin is the one allowed
     */
    static ConfigurableApplicationContext intake(Infrastructure infrastructure, int port) {
        List<String> args = new ArrayList<>(kafkaArgs(infrastructure));
        args.addAll(List.of("--server.address=127.0.0.1", "--server.port=" + port, "--management.server.port=" + port,
                "--spring.main.banner-mode=off",
                // many reports from one address on purpose: these tests load the intake
                "--spelling.intake.rate-limit.enabled=false",
                // the standalone's request threads of its intake (ServiceSettings.INTAKE_MAX_THREADS), not Tomcat's 200
                "--server.tomcat.threads.max=50",
                "--spelling.intake.allowed-origins=http://127.0.0.1:" + port,
                "--spring.autoconfigure.exclude=" + INTAKE_EXCLUDED_AUTO_CONFIGURATIONS));
        return IntakeApplication.builder().registerShutdownHook(false).run(args.toArray(String[]::new));
    }

}
