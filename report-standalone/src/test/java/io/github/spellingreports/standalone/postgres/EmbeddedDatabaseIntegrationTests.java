package io.github.spellingreports.standalone.postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The embedded PostgreSQL lets in only who knows the password: a new cluster, one kept from an
 * earlier start, and one made before the password existed (zonky's {@code trust}).
 */
class EmbeddedDatabaseIntegrationTests {

    /** SQLSTATE invalid_password. */
    private static final String INVALID_PASSWORD = "28P01";

    @TempDir
    Path dataDir;

    @Test
    void aNewClusterAsksEveryConnectionForThePassword() throws Exception {
        Path cluster = this.dataDir.resolve("postgres");
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, "the right password")) {
            assertRefused(database, "");
            assertRefused(database, "a wrong password");
            assertConnects(database, "the right password");
            assertThat(Files.readString(cluster.resolve("pg_hba.conf"))).isEqualTo(EmbeddedDatabase.PG_HBA)
                    .doesNotContain("trust");
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, "the right password")) {
            assertRefused(database, "");
            assertConnects(database, "the right password");
        }
    }

    @Test
    void aClusterOfAnEarlierVersionGetsThePasswordAtItsNextStart() throws Exception {
        Path cluster = this.dataDir.resolve("postgres");
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(cluster)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
            try (Connection connection = DriverManager.getConnection(trusting.getJdbcUrl("postgres", "postgres"),
                    "postgres", "")) {
                assertThat(connection.isValid(1)).as("zonky's cluster lets anyone in").isTrue();
            }
        }
        try (EmbeddedDatabase database = EmbeddedDatabase.start(cluster, 0, "set at the upgrade")) {
            assertRefused(database, "");
            assertConnects(database, "set at the upgrade");
        }
    }

    @Test
    void aClusterStartedWithAnotherPasswordDoesNotStartAndSaysWhy() throws IOException {
        Path cluster = this.dataDir.resolve("postgres");
        EmbeddedDatabase.start(cluster, 0, "the first password").close();
        assertThatIllegalStateException().isThrownBy(() -> EmbeddedDatabase.start(cluster, 0, "another password"))
                .withMessageContaining("password authentication failed for user \"postgres\"")
                .withMessageEndingWith("(the cluster was started before with another password)");
        assertThat(Files.exists(cluster.resolve("postmaster.pid"))).as("the server is stopped again").isFalse();
    }

    private static void assertRefused(EmbeddedDatabase database, String password) {
        assertThatExceptionOfType(SQLException.class)
                .isThrownBy(() -> DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USERNAME, password)
                        .close())
                .satisfies((ex) -> assertThat(ex.getSQLState()).isIn(INVALID_PASSWORD, "08004"));
    }

    private static void assertConnects(EmbeddedDatabase database, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), EmbeddedDatabase.USERNAME,
                password)) {
            assertThat(connection.isValid(1)).isTrue();
        }
    }

}
