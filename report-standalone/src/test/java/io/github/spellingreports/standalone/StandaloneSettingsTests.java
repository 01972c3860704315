package io.github.spellingreports.standalone;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.standalone.StandaloneSettings.InvalidSettingsException;
import io.github.spellingreports.standalone.postgres.EmbeddedDatabase;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.entry;

class StandaloneSettingsTests {

    @Test
    void defaultsRunEverythingOnTheDocumentedPortsWithDataInTheWorkingDirectory() {
        StandaloneSettings settings = StandaloneSettings.load(StandaloneSettings.environment());
        assertThat(settings.dataPath()).isEqualTo(Path.of("data").toAbsolutePath());
        assertThat(settings.address()).isEqualTo("127.0.0.1");
        assertThat(settings.intakePort()).isEqualTo(8080);
        assertThat(settings.workerPort()).isEqualTo(8081);
        assertThat(settings.kafkaPort()).isEqualTo(9092);
        assertThat(settings.kafkaControllerPort()).isEqualTo(9093);
        assertThat(settings.postgresPort()).isZero();
        assertThat(settings.smtpPort()).isEqualTo(2525);
        assertThat(settings.startupTimeout()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void commandLineArgumentsSetEverySetting() {
        StandaloneSettings settings = StandaloneSettings.load(StandaloneSettings.environment(
                "--spelling.standalone.data-dir=/srv/spelling", "--spelling.standalone.intake-port=9080",
                "--spelling.standalone.worker-port=9081", "--spelling.standalone.kafka-port=19092",
                "--spelling.standalone.kafka-controller-port=19093", "--spelling.standalone.postgres-port=15432",
                "--spelling.standalone.smtp-port=1025", "--spelling.standalone.address=0.0.0.0",
                "--spelling.standalone.startup-timeout=2m"));
        assertThat(settings).isEqualTo(new StandaloneSettings(Path.of("/srv/spelling"), "0.0.0.0", 9080, 9081, 19092,
                19093, 15432, 1025, Duration.ofMinutes(2), Map.of()));
    }

    @Test
    void postgresSettingsKeepPostgresNamesWrittenWithDashesOrUnderscores() {
        StandaloneSettings settings = StandaloneSettings.load(StandaloneSettings.environment(
                "--spelling.standalone.postgres.shared-buffers=512MB",
                "--spelling.standalone.postgres[log_min_duration_statement]=250ms"));
        assertThat(settings.postgresSettings())
                .containsExactly(entry("log_min_duration_statement", "250ms"), entry("shared_buffers", "512MB"));
        assertThat(StandaloneSettings.load(StandaloneSettings.environment()).postgresSettings()).isEmpty();
    }

    /**
     * The environment variable of the database's port (a fixed one for pg_dump, in the systemd
     * unit's settings file) names the port setting, not a PostgreSQL server setting "port": it
     * stopped every start as "set by the standalone, not changeable".
     */
    @Test
    void theDatabasesPortFromAnEnvironmentVariableIsThePortSetting() {
        ConfigurableEnvironment environment = withVariables(Map.of("SPELLING_STANDALONE_POSTGRES_PORT", "5433"));
        StandaloneSettings settings = StandaloneSettings.load(environment);
        assertThat(settings.postgresPort()).isEqualTo(5433);
        assertThat(settings.postgres()).isEmpty();
    }

    @Test
    void aPostgresSettingFromAnEnvironmentVariableIsRefusedSayingHowToWriteIt() {
        ConfigurableEnvironment environment = withVariables(Map.of("SPELLING_STANDALONE_POSTGRES_SHARED_BUFFERS", "512MB"));
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> StandaloneSettings.load(environment))
                .satisfies((ex) -> assertThat(ex.problems()).containsExactly(
                        "spelling.standalone.postgres.shared.buffers=512MB: not a PostgreSQL setting (an environment"
                                + " variable cannot name one: use --spelling.standalone.postgres.shared-buffers=512MB"
                                + " or -Dspelling.standalone.postgres.shared-buffers=512MB)"));
    }

    /** A typo the binder would ignore, starting on the default port or data directory, stops the start and says so. */
    @Test
    void aMistypedSettingIsRefusedNamingTheOneItMostLikelyMeant() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> StandaloneSettings.load(StandaloneSettings.environment(
                        "--spelling.standalone.intake-prot=8090", "--spelling.standalone.datadir=/srv/spelling",
                        "--spelling.standalone.colour=blue", "--spelling.standalone.worker-port=8091")))
                .satisfies((ex) -> assertThat(ex.problems()).containsExactly(
                        "spelling.standalone.intake-prot: not a setting of the standalone"
                                + " (did you mean spelling.standalone.intake-port?)",
                        "spelling.standalone.colour: not a setting of the standalone (--help lists them)"));
        ConfigurableEnvironment environment = withVariables(
                Map.of("SPELLING_STANDALONE_WORKER_PROT", "8091", "SPELLING_STANDALONE_KAFKA_CONTROLLER_PORT", "19093"));
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> StandaloneSettings.load(environment))
                .satisfies((ex) -> assertThat(ex.problems()).containsExactly(
                        "SPELLING_STANDALONE_WORKER_PROT: not a setting of the standalone"
                                + " (did you mean SPELLING_STANDALONE_WORKER_PORT?)"));
    }

    /**
     * A port of Spring Boot's own reaches both applications, which cannot share it: the worker
     * started on it and the intake failed with "Port 80 was already in use".
     */
    @Test
    void aPortBothApplicationsWouldShareIsRefusedNamingTheStandalonesOwn() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> StandaloneSettings.load(StandaloneSettings.environment(
                        "--server.port=80", "--management.server.port=9080", "--server.address=0.0.0.0")))
                .satisfies((ex) -> assertThat(ex.problems()).containsExactly(
                        "server.port=80: the standalone runs the intake and the worker, each on its own port: set "
                                + "spelling.standalone.intake-port and spelling.standalone.worker-port instead",
                        "management.server.port=9080: the standalone runs the intake and the worker, each on its own port: "
                                + "set spelling.standalone.intake-port and spelling.standalone.worker-port instead"));
        ConfigurableEnvironment environment = withVariables(Map.of("SERVER_PORT", "8000"));
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> StandaloneSettings.load(environment))
                .satisfies((ex) -> assertThat(ex.problems()).containsExactly(
                        "SERVER_PORT=8000: the standalone runs the intake and the worker, each on its own port: set "
                                + "SPELLING_STANDALONE_INTAKE_PORT and SPELLING_STANDALONE_WORKER_PORT instead"));
    }

    /** After the jar, a -D option or a JVM flag is an argument of the program, which the standalone would ignore. */
    @Test
    void anArgumentThatIsNoSettingIsRefusedSayingWhereItBelongs() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> StandaloneSettings.load(StandaloneSettings.environment(
                        "-Dspelling.standalone.intake-port=8090", "-Xmx512m", "start")))
                .satisfies((ex) -> assertThat(ex.problems()).containsExactly(
                        "-Dspelling.standalone.intake-port=8090: a JVM option after the jar is an argument of the program:"
                                + " put it before -jar, or write --spelling.standalone.intake-port=8090",
                        "-Xmx512m: a JVM option after the jar is an argument of the program: put it before -jar",
                        "start: not an argument of the standalone (settings are --name=value; --help lists them)"));
    }

    @Test
    void everySettingWrittenAsTheDocsOrTheBinderAllowIsKnown() {
        assertThat(StandaloneSettings.unknownSettings(StandaloneSettings.environment(
                "--spelling.standalone.data-dir=/srv/spelling", "--spelling.standalone.intakePort=9080",
                "--spelling.standalone.worker_port=9081", "--spelling.standalone.KAFKA-PORT=19092",
                "--spelling.standalone.postgres.shared-buffers=512MB", "--spelling.standalone.postgres[work_mem]=8MB",
                "--spelling.standalone.postgres-port=15432", "--spring.mail.host=smtp.example.com")))
                .isEmpty();
    }

    @Test
    void postgresSettingsThatKeepTheQueueDurableAreRefused() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> StandaloneSettings.load(StandaloneSettings.environment(
                        "--spelling.standalone.postgres.fsync=off", "--spelling.standalone.postgres.synchronous-commit=off",
                        "--spelling.standalone.postgres.work-mem=8MB")))
                .satisfies((ex) -> assertThat(ex.problems()).containsExactly(
                        "spelling.standalone.postgres.fsync=off: set by the standalone, not changeable"
                                + " (a committed report must be on disk)",
                        "spelling.standalone.postgres.synchronous-commit=off: set by the standalone, not changeable"
                                + " (a committed report must be on disk before its offset is committed)"));
    }

    @Test
    void everySettingTheEmbeddedDatabaseFixesIsRefused() {
        List<String> arguments = EmbeddedDatabase.FIXED_SETTINGS.keySet().stream().sorted()
                .map((name) -> "--spelling.standalone.postgres." + name.replace('_', '-') + "=x").toList();
        assertThat(arguments).contains("--spelling.standalone.postgres.full-page-writes=x");
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> StandaloneSettings.load(StandaloneSettings.environment(arguments.toArray(String[]::new))))
                .satisfies((ex) -> assertThat(ex.problems()).hasSameSizeAs(arguments)
                        .allSatisfy((problem) -> assertThat(problem).contains(": set by the standalone, not changeable (")));
    }

    @Test
    void anOutOfRangePortIsRejectedNamingTheSetting() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> StandaloneSettings.load(StandaloneSettings.environment("--spelling.standalone.kafka-port=0")))
                .satisfies((ex) -> assertThat(ex.problems())
                        .singleElement().asString().startsWith("spelling.standalone.kafka-port=0: "));
    }

    @Test
    void aPortThatIsNotANumberIsRejectedNamingTheSetting() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> StandaloneSettings.load(StandaloneSettings.environment("--spelling.standalone.smtp-port=smtp")))
                .satisfies((ex) -> assertThat(ex.problems()).containsExactly("spelling.standalone.smtp-port=smtp: not a valid int"));
    }

    @Test
    void twoServersOnOnePortAreRejected() {
        assertThatExceptionOfType(InvalidSettingsException.class)
                .isThrownBy(() -> StandaloneSettings.load(StandaloneSettings.environment("--spelling.standalone.worker-port=8080")))
                .satisfies((ex) -> assertThat(ex.problems()).containsExactly(
                        "spelling.standalone.intake-port and spelling.standalone.worker-port are both 8080: "
                                + "every server needs a port of its own"));
    }

    /** @return the launcher's environment with these environment variables in place of the machine's */
    private static ConfigurableEnvironment withVariables(Map<String, Object> variables) {
        ConfigurableEnvironment environment = StandaloneSettings.environment();
        environment.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
        return environment;
    }

}
