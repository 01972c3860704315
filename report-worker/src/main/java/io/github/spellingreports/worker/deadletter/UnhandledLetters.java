package io.github.spellingreports.worker.deadletter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import io.github.spellingreports.worker.deadletter.DeadLetterReader.Extent;
import io.github.spellingreports.worker.deadletter.DeadLetterReader.Session;
import io.github.spellingreports.worker.deadletter.DeadLetterService.Coordinates;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Finds the unhandled letters of a partition past the handled ones the ledger names, which are
 * skipped unread where they are next to each other. Counting relies on each offset of the topic
 * being a record: no compaction, and the worker's producer is not transactional.
 */
final class UnhandledLetters {

    private final Map<Coordinates, String> actions;

    UnhandledLetters(Map<Coordinates, String> actions) {
        this.actions = actions;
    }

    /** @return REPLAYED or DISCARDED, or {@code null} when unhandled */
    String action(ConsumerRecord<?, ?> record) {
        return this.actions.get(new Coordinates(record.partition(), record.offset()));
    }

    /**
     * Adds the newest {@code max} unhandled letters of the partition, read backwards from its end in
     * chunks of {@code max} records, and with {@code includeHandled} the handled ones among its
     * newest {@code max} records, in offset order.
     * @return how many unhandled letters of the partition are older than those added
     */
    long newest(Session session, Extent extent, int max, boolean includeHandled,
            Function<ConsumerRecord<byte[], byte[]>, DeadLetter> view, List<DeadLetter> letters) {
        Deque<DeadLetter> newestFirst = new ArrayDeque<>();
        int unhandled = 0;
        long notListed = 0;
        long to = extent.end();
        boolean handledToo = includeHandled;
        while (unhandled < max && to > extent.start()) {
            long from = Math.max(extent.start(), to - max);
            List<DeadLetter> chunk = read(session, extent, from, to, handledToo, view);
            for (int i = chunk.size() - 1; i >= 0; i--) {
                DeadLetter letter = chunk.get(i);
                if (letter.handled() != null || unhandled < max) {
                    newestFirst.addFirst(letter);
                    unhandled += (letter.handled() == null) ? 1 : 0;
                }
                else {
                    notListed++;
                }
            }
            to = end(extent, from);
            handledToo = false;
        }
        letters.addAll(newestFirst);
        return notListed + countBefore(extent, to);
    }

    private List<DeadLetter> read(Session session, Extent extent, long from, long to, boolean handledToo,
            Function<ConsumerRecord<byte[], byte[]>, DeadLetter> view) {
        List<DeadLetter> chunk = new ArrayList<>();
        session.forEach(extent.partition(), from, to, (record) -> {
            String action = action(record);
            if (action == null || handledToo) {
                chunk.add(view.apply(record).handledAs(action));
            }
        });
        return chunk;
    }

    /** @return the offset after the newest unhandled letter below {@code to} */
    long end(Extent extent, long to) {
        long end = to;
        while (end > extent.start() && this.actions.containsKey(new Coordinates(extent.partition(), end - 1))) {
            end--;
        }
        return end;
    }

    /** @return the offset of the oldest unhandled letter from {@code from} on */
    long start(Extent extent, long from) {
        long start = Math.max(from, extent.start());
        while (start < extent.end() && this.actions.containsKey(new Coordinates(extent.partition(), start))) {
            start++;
        }
        return start;
    }

    /** @return unhandled letters below {@code to}, counted, not read */
    private long countBefore(Extent extent, long to) {
        long handled = this.actions.keySet().stream().filter((letter) -> letter.partition() == extent.partition()
                && letter.offset() >= extent.start() && letter.offset() < to).count();
        return Math.max(0, to - extent.start() - handled);
    }

}
