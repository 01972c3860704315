package io.github.spellingreports.worker.deadletter;

import java.util.HashMap;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which dead letters an operator replayed or discarded (table {@code dead_letter_action}).
 */
@Repository
class DeadLetterLedger {

    static final String REPLAYED = "REPLAYED";

    static final String DISCARDED = "DISCARDED";

    private final JdbcClient jdbc;

    DeadLetterLedger(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return action per dead letter */
    Map<DeadLetterService.Coordinates, String> actions(String topic) {
        Map<DeadLetterService.Coordinates, String> actions = new HashMap<>();
        this.jdbc.sql("select partition_no, record_offset, action from dead_letter_action where topic = :topic")
                .param("topic", topic)
                .query((rs) -> {
                    actions.put(new DeadLetterService.Coordinates(rs.getInt(1), rs.getLong(2)), rs.getString(3));
                });
        return actions;
    }

    /**
     * Records an action unless the record was handled before; under a concurrent attempt on the
     * same record this waits for the other transaction and then reports {@code false}.
     * @return whether this call recorded it
     */
    boolean record(String topic, int partition, long offset, String action, String actedBy) {
        return this.jdbc.sql("""
                insert into dead_letter_action (topic, partition_no, record_offset, action, acted_by)
                values (:topic, :partition, :offset, :action, :actedBy)
                on conflict do nothing
                """)
                .param("topic", topic)
                .param("partition", partition)
                .param("offset", offset)
                .param("action", action)
                .param("actedBy", actedBy)
                .update() == 1;
    }

}
