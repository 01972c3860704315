package io.github.spellingreports.standalone.postgres;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which process a cluster's lock file may name without stopping a start: only a PostgreSQL server of
 * that cluster counts as still running.
 */
class EmbeddedDatabaseTests {

    @TempDir
    Path dataDir;

    @Test
    void aServerOfTheClusterRunsIt() {
        Path cluster = this.dataDir.resolve("postgres");
        assertThat(EmbeddedDatabase.runsCluster(process("/tmp/embedded-pg/PG-1/bin/postgres", "-D", cluster.toString(), "-p", "5432"), cluster))
                .contains(true);
        assertThat(EmbeddedDatabase.runsCluster(process("/usr/lib/postgresql/15/bin/postmaster", "-D", cluster + "/"), cluster))
                .contains(true);
    }

    @Test
    void anotherProgramOrAnotherClustersServerDoesNot() {
        Path cluster = this.dataDir.resolve("postgres");
        assertThat(EmbeddedDatabase.runsCluster(process("/usr/lib/jvm/java-17-openjdk-amd64/bin/java", "-D", cluster.toString()), cluster))
                .contains(false);
        assertThat(EmbeddedDatabase.runsCluster(process("/usr/bin/sleep", "600"), cluster)).contains(false);
        assertThat(EmbeddedDatabase.runsCluster(process("/usr/lib/postgresql/15/bin/postgres", "-D", "/var/lib/postgresql/15/main"), cluster))
                .contains(false);
    }

    @Test
    void whatCannotBeToldIsLeftToPostgres() {
        Path cluster = this.dataDir.resolve("postgres");
        assertThat(EmbeddedDatabase.runsCluster(process(null), cluster)).as("another user's process").isEmpty();
        assertThat(EmbeddedDatabase.runsCluster(process("/usr/bin/postgres"), cluster)).as("PGDATA instead of -D").isEmpty();
        assertThat(EmbeddedDatabase.runsCluster(process("/usr/bin/postgres", "-D", "postgres"), cluster)).as("relative to its own directory")
                .isEmpty();
    }

    private static ProcessHandle.Info process(String command, String... arguments) {
        return new ProcessHandle.Info() {

            @Override
            public Optional<String> command() {
                return Optional.ofNullable(command);
            }

            @Override
            public Optional<String> commandLine() {
                return command().map((program) -> program + " " + String.join(" ", arguments));
            }

            @Override
            public Optional<String[]> arguments() {
                return command == null ? Optional.empty() : Optional.of(arguments);
            }

            @Override
            public Optional<Instant> startInstant() {
                return Optional.empty();
            }

            @Override
            public Optional<Duration> totalCpuDuration() {
                return Optional.empty();
            }

            @Override
            public Optional<String> user() {
                return Optional.empty();
            }

        };
    }

}
