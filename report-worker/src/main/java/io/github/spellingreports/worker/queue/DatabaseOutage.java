package io.github.spellingreports.worker.queue;

import java.sql.SQLException;
import java.util.List;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Tells a database outage (the record is fine, the database is not) from a failure of the record
 * itself: an outage must be retried until the database is back, never dead-lettered.
 */
public final class DatabaseOutage {

    /** Spring's translations of "cannot reach or use the database right now"; subclasses included. */
    private static final List<Class<? extends Exception>> OUTAGE_TYPES = List.of(
            TransientDataAccessException.class,
            DataAccessResourceFailureException.class, // includes CannotGetJdbcConnectionException
            RecoverableDataAccessException.class,
            CannotCreateTransactionException.class,
            java.sql.SQLTransientException.class,
            java.sql.SQLRecoverableException.class,
            java.sql.SQLNonTransientConnectionException.class);

    /**
     * Seconds an HTTP client (of the API, of a console page) is asked to wait ({@code Retry-After})
     * while the database is unavailable.
     */
    public static final int RETRY_AFTER_SECONDS = 10;

    /** SQLSTATE read_only_sql_transaction. */
    private static final String READ_ONLY = "25006";

    private DatabaseOutage() {
    }

    /**
     * @param failure a listener failure, typically wrapped by Spring Kafka
     * @return whether anything in its cause chain says the database is unreachable or unavailable
     */
    public static boolean isCauseOf(Throwable failure) {
        Throwable cause = failure;
        // bounded, because a cause chain may be cyclic
        for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
            if (isOutage(cause)) {
                return true;
            }
            // A connection lost mid-transaction fails the rollback too ("Connection is closed", no SQL
            // state): Spring then throws that, with the outage only as its "application exception".
            if (cause instanceof TransactionSystemException rollback && rollback.getApplicationException() != null
                    && rollback.getApplicationException() != failure && isCauseOf(rollback.getApplicationException())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutage(Throwable cause) {
        if (OUTAGE_TYPES.stream().anyMatch(type -> type.isInstance(cause))) {
            return true;
        }
        return cause instanceof SQLException sql && isOutageState(sql.getSQLState());
    }

    /**
     * SQLSTATE classes 08 (connection), 53 (insufficient resources), 57P (server shutting down or
     * starting), and 25006: a read-only transaction, as on a standby that a fail-over has not
     * promoted yet or a database set read-only for maintenance; writes will work again.
     */
    private static boolean isOutageState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("53") || state.startsWith("57P")
                || READ_ONLY.equals(state));
    }

}
