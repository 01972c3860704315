package io.github.spellingreports.worker.queue;

import java.util.List;

/**
 * A poll's reports were stored: published once per poll, inside its transaction, so listeners that
 * act on it use {@code @TransactionalEventListener} (after commit) and can handle the poll's errors
 * together, with set-based statements, instead of one at a time.
 *
 * @param errors each error the poll added reports to, once (redeliveries add none)
 */
public record PollStored(List<ReportStored> errors) {

    public PollStored {
        errors = List.copyOf(errors);
    }

}
