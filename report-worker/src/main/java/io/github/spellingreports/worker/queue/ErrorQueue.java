package io.github.spellingreports.worker.queue;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the moderation queue: most reported first, then most recently reported.
 */
@Repository
@Transactional(readOnly = true)
public class ErrorQueue {

    /** Comments listed with an error in the queue and the API: its most recent distinct ones. */
    public static final int COMMENTS_LISTED = 10;

    private static final String SELECT = """
            select e.id, e.page_url, e.page_title, e.selection, e.context_before, e.context_after,
                   e.report_count, e.lang, e.status, e.first_reported_at, e.last_reported_at, e.reported_after_fix,
                   (select count(*) from error_variant v where v.error_id = e.id) as variant_count
              from spelling_error e
            """;

    private final JdbcClient jdbc;

    ErrorQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param filter which errors
     * @param page 0-based page number
     * @param size errors per page
     * @return one page of the matching errors, most reported first
     */
    public ErrorPage find(QueueFilter filter, int page, int size) {
        Where where = where(filter);
        long total = this.jdbc.sql("select count(*) from spelling_error e" + where.sql())
                .params(where.params())
                .query(Long.class)
                .single();
        List<QueuedError> content = this.jdbc.sql(SELECT + where.sql() + """
                 order by e.report_count desc, e.last_reported_at desc, e.id
                 limit :size offset :offset
                """)
                .params(where.params())
                .param("size", size)
                .param("offset", (long) page * size)
                .query(ErrorQueue::queuedError)
                .list();
        return ErrorPage.of(withComments(content), page, size, total);
    }

    ErrorPage find(ErrorStatus status, int page, int size) {
        return find(QueueFilter.of(status), page, size);
    }

    public Optional<QueuedError> findById(long id) {
        return this.jdbc.sql(SELECT + " where e.id = :id").param("id", id).query(ErrorQueue::queuedError).optional()
                .map((error) -> withComments(List.of(error)).get(0));
    }

    /** @return whether the queue has an error of that id */
    public boolean exists(long id) {
        return this.jdbc.sql("select exists (select 1 from spelling_error where id = :id)").param("id", id)
                .query(Boolean.class).single();
    }

    private List<QueuedError> withComments(List<QueuedError> errors) {
        Map<Long, LatestComments> comments = LatestComments.of(this.jdbc, errors.stream().map(QueuedError::id).toList(),
                COMMENTS_LISTED);
        return errors.stream()
                .map((error) -> error.withComments(comments.getOrDefault(error.id(), LatestComments.NONE)))
                .toList();
    }

    /**
     * @param errorId the error
     * @param page 0-based page number
     * @param size reports per page
     * @return one page of the error's reports, newest first (a viral typo has hundreds of thousands)
     */
    public ReportPage reports(long errorId, int page, int size) {
        long total = this.jdbc.sql("select count(*) from report where error_id = :id").param("id", errorId)
                .query(Long.class).single();
        List<ReportView> content = this.jdbc.sql("""
                select received_at, comment, lang from report where error_id = :id
                 order by received_at desc, stored_at desc, report_id
                 limit :size offset :offset
                """).param("id", errorId).param("size", size).param("offset", (long) page * size)
                .query((rs, row) -> new ReportView(rs.getObject("received_at", OffsetDateTime.class).toInstant(),
                        rs.getString("comment"), rs.getString("lang")))
                .list();
        return ReportPage.of(content, page, size, total);
    }

    /** @return the error's variants, most reported first; the one it shows first among equals */
    public List<ErrorVariant> variants(long errorId) {
        return this.jdbc.sql("""
                select v.selection, v.context_before, v.context_after, v.report_count, v.first_reported_at,
                       v.id = e.shown_variant_id as shown
                  from error_variant v join spelling_error e on e.id = v.error_id
                 where v.error_id = :id
                 order by v.report_count desc, v.id = e.shown_variant_id desc, v.id
                """).param("id", errorId)
                .query((rs, row) -> new ErrorVariant(rs.getString("selection"), rs.getString("context_before"),
                        rs.getString("context_after"), rs.getInt("report_count"),
                        rs.getObject("first_reported_at", OffsetDateTime.class).toInstant(), rs.getBoolean("shown")))
                .list();
    }

    private static Where where(QueueFilter filter) {
        StringBuilder sql = new StringBuilder(" where e.status = :status");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("status", filter.status().name());
        if (filter.lang() != null) {
            sql.append(" and (lower(e.lang) = lower(:lang) or lower(e.lang) like lower(:langPrefix) escape '\\')");
            params.put("lang", filter.lang());
            params.put("langPrefix", likeEscape(filter.lang()) + "-%");
        }
        if (filter.pageUrl() != null && filter.exactPage()) {
            sql.append(" and e.page_url = :pageUrl");
            params.put("pageUrl", filter.pageUrl());
        }
        else if (filter.pageUrl() != null) {
            sql.append(" and e.page_url like :pageUrl escape '\\'");
            params.put("pageUrl", likeEscape(filter.pageUrl()) + "%");
        }
        if (filter.q() != null) {
            // in the collation of V13: letters outside ASCII fold also where the database's locale is C
            sql.append("""
                     and ((e.context_before || e.selection || e.context_after) ilike (:q collate spelling_search) escape '\\'
                          or exists (select 1 from report r
                                      where r.error_id = e.id and r.comment ilike (:q collate spelling_search) escape '\\'))
                    """);
            params.put("q", "%" + likeEscape(filter.q()) + "%");
        }
        return new Where(sql.toString(), params);
    }

    /** Reader text is data, never a pattern: {@code %}, {@code _} and the escape character match themselves. */
    static String likeEscape(String text) {
        return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    private static QueuedError queuedError(ResultSet rs, int row) throws SQLException {
        return new QueuedError(rs.getLong("id"), rs.getString("page_url"), rs.getString("page_title"),
                rs.getString("selection"), rs.getString("context_before"), rs.getString("context_after"),
                rs.getInt("report_count"), List.of(), false, rs.getString("lang"),
                ErrorStatus.valueOf(rs.getString("status")),
                rs.getObject("first_reported_at", OffsetDateTime.class).toInstant(),
                rs.getObject("last_reported_at", OffsetDateTime.class).toInstant(),
                rs.getBoolean("reported_after_fix"), rs.getInt("variant_count"));
    }

    private record Where(String sql, Map<String, Object> params) {
    }

}
