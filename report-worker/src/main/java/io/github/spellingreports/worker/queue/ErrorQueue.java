package io.github.spellingreports.worker.queue;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the moderation queue: most reported first, then most recently reported.
 */
@Repository
@Transactional(readOnly = true)
class ErrorQueue {

    // comments: distinct non-blank ones, in the order readers first wrote them
    private static final String SELECT = """
            select e.id, e.page_url, e.page_title, e.selection, e.context_before, e.context_after,
                   e.report_count, e.lang, e.status, e.first_reported_at, e.last_reported_at,
                   array(select r.comment from report r
                          where r.error_id = e.id and r.comment is not null and btrim(r.comment) <> ''
                          group by r.comment
                          order by min(r.received_at), min(r.stored_at)) as comments
              from spelling_error e
            """;

    private final JdbcClient jdbc;

    ErrorQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    ErrorPage find(ErrorStatus status, int page, int size) {
        long total = this.jdbc.sql("select count(*) from spelling_error where status = :status")
                .param("status", status.name())
                .query(Long.class)
                .single();
        List<QueuedError> content = this.jdbc.sql(SELECT + """
                 where e.status = :status
                 order by e.report_count desc, e.last_reported_at desc, e.id
                 limit :size offset :offset
                """)
                .param("status", status.name())
                .param("size", size)
                .param("offset", (long) page * size)
                .query(ErrorQueue::queuedError)
                .list();
        return ErrorPage.of(content, page, size, total);
    }

    Optional<QueuedError> findById(long id) {
        return this.jdbc.sql(SELECT + " where e.id = :id").param("id", id).query(ErrorQueue::queuedError).optional();
    }

    private static QueuedError queuedError(ResultSet rs, int row) throws SQLException {
        return new QueuedError(rs.getLong("id"), rs.getString("page_url"), rs.getString("page_title"),
                rs.getString("selection"), rs.getString("context_before"), rs.getString("context_after"),
                rs.getInt("report_count"), strings(rs.getArray("comments")), rs.getString("lang"),
                ErrorStatus.valueOf(rs.getString("status")),
                rs.getObject("first_reported_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_reported_at", OffsetDateTime.class).toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        try {
            return List.of((String[]) array.getArray());
        }
        finally {
            array.free();
        }
    }

}
