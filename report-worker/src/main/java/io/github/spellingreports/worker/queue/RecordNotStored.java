package io.github.spellingreports.worker.queue;

import org.springframework.kafka.listener.BatchListenerFailedException;

/**
 * The listener's failure on one record of a poll, of one of two kinds, each a class of its own: the
 * error handler chooses a record's back-off (as long as it takes for an outage, a few retries
 * otherwise) at its first failure, and chooses again only when the class of the failure changes.
 * Were both one class, a record first caught in an outage would keep the outage's back-off once the
 * database is back and refuses the record itself, retried for ever with its partition stalled
 * behind it; and one that first failed on its own would be dead-lettered in an outage that followed.
 */
abstract sealed class RecordNotStored extends BatchListenerFailedException {

    private RecordNotStored(String message, Throwable cause, int index) {
        super(message, cause, index);
    }

    /**
     * @param message what failed
     * @param outage the outage's exception
     * @param index the record's index in the poll
     * @return the failure of a record the database could not be reached for
     */
    static RecordNotStored databaseAway(String message, Throwable outage, int index) {
        return new DatabaseAway(message, outage, index);
    }

    /**
     * @param message what failed
     * @param cause why
     * @param index the record's index in the poll
     * @return the failure of the record itself (unreadable, invalid, refused by the database)
     */
    static RecordNotStored recordFailed(String message, Throwable cause, int index) {
        return new RecordFailed(message, cause, index);
    }

    private static final class DatabaseAway extends RecordNotStored {

        private DatabaseAway(String message, Throwable cause, int index) {
            super(message, cause, index);
        }

    }

    private static final class RecordFailed extends RecordNotStored {

        private RecordFailed(String message, Throwable cause, int index) {
            super(message, cause, index);
        }

    }

}
