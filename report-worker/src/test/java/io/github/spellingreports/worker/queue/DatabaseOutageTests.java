package io.github.spellingreports.worker.queue;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.junit.jupiter.api.Test;

import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseOutageTests {

    @Test
    void unreachableDatabaseIsAnOutageEvenWhenWrapped() {
        Exception noTransaction = new ListenerExecutionFailedException("listener failed",
                new CannotCreateTransactionException("no connection",
                        new SQLTransientConnectionException("HikariPool-1 - Connection is not available")));
        assertThat(DatabaseOutage.isCauseOf(noTransaction)).isTrue();
        assertThat(DatabaseOutage.isCauseOf(new CannotGetJdbcConnectionException("down"))).isTrue();
    }

    @Test
    void connectionFailureAndReadOnlyStatesAreOutages() {
        Exception lostConnection = new IllegalStateException(new SQLException("I/O error", "08006"));
        assertThat(DatabaseOutage.isCauseOf(lostConnection)).isTrue();
        assertThat(DatabaseOutage.isCauseOf(new SQLException("terminating connection due to administrator command", "57P01"))).isTrue();
        assertThat(DatabaseOutage.isCauseOf(new SQLException("cannot execute INSERT in a read-only transaction", "25006")))
                .isTrue();
    }

    @Test
    void outageBehindAFailedRollbackIsAnOutage() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("Could not roll back JDBC transaction",
                new SQLException("Connection is closed"));
        rollbackFailed.initApplicationException(new CannotGetJdbcConnectionException("connection lost",
                new SQLException("I/O error", "08006")));
        assertThat(DatabaseOutage.isCauseOf(new ListenerExecutionFailedException("listener failed", rollbackFailed))).isTrue();

        TransactionSystemException badDataThenRollbackFailed = new TransactionSystemException("Could not roll back",
                new SQLException("Connection is closed"));
        badDataThenRollbackFailed.initApplicationException(new DataIntegrityViolationException("value too long"));
        assertThat(DatabaseOutage.isCauseOf(badDataThenRollbackFailed)).isFalse();
    }

    @Test
    void badDataAndInvalidReportsAreNoOutage() {
        assertThat(DatabaseOutage.isCauseOf(new ListenerExecutionFailedException("listener failed",
                new DataIntegrityViolationException("value too long", new SQLException("too long", "22001"))))).isFalse();
        assertThat(DatabaseOutage.isCauseOf(new SQLException("invalid transaction state", "25000"))).isFalse();
        assertThat(DatabaseOutage.isCauseOf(new InvalidReportException("selection is missing"))).isFalse();
    }

}
