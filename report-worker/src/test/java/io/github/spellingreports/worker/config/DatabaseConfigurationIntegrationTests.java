package io.github.spellingreports.worker.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;
import io.github.spellingreports.worker.EmbeddedPostgresSupport;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.StaticListableBeanFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Against the real (embedded) PostgreSQL: the pool's connections give up a statement that takes
 * longer than {@code spelling.worker.database-socket-timeout}; a migration takes as long as it needs.
 */
class DatabaseConfigurationIntegrationTests {

    private static final String SCHEMA = "slow_migration_test";

    @Test
    void poolGivesUpALongStatementButAMigrationRunsToItsEnd() throws SQLException {
        try (HikariDataSource pool = pool(Duration.ofSeconds(1))) {
            assertThatExceptionOfType(SQLException.class).isThrownBy(() -> sleep(pool, 2))
                    .withMessageContaining("I/O error");

            FluentConfiguration migrations = new FluentConfiguration().dataSource(pool).schemas(SCHEMA)
                    .locations("classpath:db/slow-migration");
            new DatabaseConfiguration().migrationsWithoutSocketTimeout().customize(migrations);
            try {
                assertThat(migrations.load().migrate().migrationsExecuted).isEqualTo(1);
            }
            finally {
                try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
                    statement.execute("drop schema if exists " + SCHEMA + " cascade");
                }
            }

            // the connections Flyway used are back in the pool with its timeout
            try (Connection first = pool.getConnection(); Connection second = pool.getConnection()) {
                assertThat(first.getNetworkTimeout()).isEqualTo(1000);
                assertThat(second.getNetworkTimeout()).isEqualTo(1000);
            }
        }
    }

    @Test
    void timeoutIsWholeSecondsRoundedUp() {
        assertThat(DatabaseConfiguration.seconds(Duration.ofSeconds(30))).isEqualTo(30);
        assertThat(DatabaseConfiguration.seconds(Duration.ofMillis(1))).isEqualTo(1);
        assertThat(DatabaseConfiguration.seconds(Duration.ZERO)).isZero();
    }

    /** A pool made as the application makes it: the post-processor sets the socket timeout. */
    private static HikariDataSource pool(Duration socketTimeout) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(EmbeddedPostgresSupport.jdbcUrl());
        pool.setMaximumPoolSize(2);
        WorkerProperties properties = new WorkerProperties(new WorkerProperties.Admin("admin", null), null,
                Duration.ofDays(14), socketTimeout, new WorkerProperties.Metrics("metrics", null));
        StaticListableBeanFactory beans = new StaticListableBeanFactory(Map.of("workerProperties", properties));
        DatabaseConfiguration.databaseSocketTimeout(beans.getBeanProvider(WorkerProperties.class))
                .postProcessBeforeInitialization(pool, "dataSource");
        return pool;
    }

    private static void sleep(HikariDataSource pool, int seconds) throws SQLException {
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("select pg_sleep(" + seconds + ")");
        }
    }

}
