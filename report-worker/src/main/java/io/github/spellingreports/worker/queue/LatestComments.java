package io.github.spellingreports.worker.queue;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.github.spellingreports.events.Canonical;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An error's most recent reader comments, as the queue, the API and the digest list them: a viral
 * typo's thousands of comments would bury every other error of the list (the error page has them
 * all, a page at a time).
 *
 * @param shown its most recent distinct non-blank comments (as readers wrote them; comments that differ only
 *        in white space are one), oldest first
 * @param more whether the error has (or may have) comments beyond these
 */
public record LatestComments(List<String> shown, boolean more) {

    /** No comments. */
    public static final LatestComments NONE = new LatestComments(List.of(), false);

    public LatestComments {
        shown = List.copyOf(shown);
    }

    /**
     * One query for all the errors: only each error's most recent comments are read, so a viral error
     * with thousands of comments costs no more than a few.
     * @param jdbc the database
     * @param errorIds errors
     * @param max distinct comments wanted per error
     * @return the latest comments of each error that has any
     */
    public static Map<Long, LatestComments> of(JdbcClient jdbc, List<Long> errorIds, int max) {
        if (errorIds.isEmpty()) {
            return Map.of();
        }
        // a few times the wanted number of rows, since readers often send the same comment
        int rows = max * 4 + 1;
        Map<Long, Map<String, String>> newestFirst = new LinkedHashMap<>();
        Map<Long, Integer> read = new LinkedHashMap<>();
        Set<Long> more = new HashSet<>();
        jdbc.sql("""
                select e.id as error_id, r.comment
                from unnest(?::bigint[]) as e(id)
                cross join lateral (
                    select comment, received_at, report_id from report
                    where error_id = e.id and comment is not null
                    order by received_at desc, report_id desc
                    limit ?) r
                order by e.id, r.received_at desc, r.report_id desc""")
                .params(errorIds.toArray(Long[]::new), rows)
                .query((ResultSet rs) -> {
                    long id = rs.getLong("error_id");
                    if (read.merge(id, 1, Integer::sum) == rows) {
                        more.add(id);
                    }
                    String comment = rs.getString("comment");
                    // one comment however its white space differs; shown as its newest writing
                    String same = Canonical.text(comment).strip();
                    Map<String, String> shown = newestFirst.computeIfAbsent(id, (key) -> new LinkedHashMap<>());
                    if (!same.isEmpty() && !shown.containsKey(same)) {
                        if (shown.size() < max) {
                            shown.put(same, comment);
                        }
                        else {
                            more.add(id);
                        }
                    }
                });
        Map<Long, LatestComments> comments = new LinkedHashMap<>();
        newestFirst.forEach((id, texts) -> {
            List<String> oldestFirst = new ArrayList<>(texts.values());
            Collections.reverse(oldestFirst);
            comments.put(id, new LatestComments(oldestFirst, more.contains(id)));
        });
        return comments;
    }

}
