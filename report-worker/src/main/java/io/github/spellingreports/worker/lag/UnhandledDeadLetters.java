package io.github.spellingreports.worker.lag;

import java.util.List;

import io.github.spellingreports.events.Topics;
import io.github.spellingreports.worker.queue.DatabaseOutage;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * {@code spelling_dlt_unhandled}: dead letters no operator has replayed or discarded yet, the
 * dead-letter topic's records at the latest lag sample less those the ledger names. The topic's
 * size ({@code spelling_dlt_records}) counts handled letters too, so an alert on it can only say
 * that it grew; this one says that letters wait, until they are handled or Kafka deletes them.
 * Read with the digest gauges, on their thread (never on a scrape: the ledger is in the database);
 * it keeps its last value meanwhile, NaN until the first read. Counting relies on each offset of
 * the topic being a record: it is not compacted, and the worker's producer is not transactional.
 */
@Component
class UnhandledDeadLetters {

    private static final Logger log = LoggerFactory.getLogger(UnhandledDeadLetters.class);

    private final JdbcClient jdbc;

    private final LagMonitor monitor;

    private volatile double unhandled = Double.NaN;

    /** Whether the last read failed: a failure is logged when it starts, not at every read. */
    private boolean failing;

    UnhandledDeadLetters(JdbcClient jdbc, LagMonitor monitor, MeterRegistry registry) {
        this.jdbc = jdbc;
        this.monitor = monitor;
        Gauge.builder("spelling.dlt.unhandled", this, (gauge) -> gauge.unhandled)
                .description("Dead letters neither replayed nor discarded yet").register(registry);
    }

    void refresh() {
        List<BrokerOffsets.Span> spans = this.monitor.deadLetterSpans().orElse(null);
        if (spans == null) {
            return;
        }
        long records = BrokerOffsets.Span.records(spans);
        try {
            long handled = (records == 0) ? 0 : this.jdbc.sql("""
                    select count(*) from dead_letter_action a
                      join unnest(?::int[], ?::bigint[], ?::bigint[]) as s(p, first, next)
                        on a.partition_no = s.p and a.record_offset >= s.first and a.record_offset < s.next
                     where a.topic = ?""")
                    .param(spans.stream().map(BrokerOffsets.Span::partition).toArray(Integer[]::new))
                    .param(spans.stream().map(BrokerOffsets.Span::start).toArray(Long[]::new))
                    .param(spans.stream().map(BrokerOffsets.Span::end).toArray(Long[]::new))
                    .param(Topics.DEAD_LETTERS)
                    .query(Long.class).single();
            this.unhandled = Math.max(0, records - handled);
        }
        catch (RuntimeException ex) {
            if (DatabaseOutage.isCauseOf(ex) || this.failing) {
                log.debug("Unhandled dead letters not counted, the gauge keeps its last value: {}", ex.getMessage());
            }
            else {
                log.warn("Unhandled dead letters not counted, the gauge keeps its last value until they are: {}",
                        ex.getMessage());
            }
            this.failing = true;
            return;
        }
        this.failing = false;
    }

}
