package io.github.spellingreports.worker.console;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * Reads the digest archive (the {@code digest} table) for the console.
 */
@Repository
@Transactional(readOnly = true)
class DigestArchive {

    private static final String COLUMNS = """
            id, desk, status, subject, recipients, error_count, report_count, created_at, sent_at, attempts, last_failure
            """;

    private final JdbcClient jdbc;

    DigestArchive(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Digest> list(int page, int size) {
        return this.jdbc.sql("select " + COLUMNS + " from digest order by created_at desc, id desc limit :size offset :offset")
                .param("size", size).param("offset", (long) page * size)
                .query(DigestArchive::digest).list();
    }

    long count() {
        return this.jdbc.sql("select count(*) from digest").query(Long.class).single();
    }

    Optional<Digest> find(long id) {
        return this.jdbc.sql("select " + COLUMNS + " from digest where id = :id").param("id", id)
                .query(DigestArchive::digest).optional();
    }

    Optional<String> html(long id) {
        return this.jdbc.sql("select html_body from digest where id = :id").param("id", id).query(String.class).optional();
    }

    Optional<String> text(long id) {
        return this.jdbc.sql("select text_body from digest where id = :id").param("id", id).query(String.class).optional();
    }

    private static Digest digest(ResultSet rs, int row) throws SQLException {
        return new Digest(rs.getLong("id"), rs.getString("desk"), rs.getString("status"), rs.getString("subject"),
                rs.getString("recipients"), rs.getInt("error_count"), rs.getInt("report_count"),
                instant(rs, "created_at"), instant(rs, "sent_at"), rs.getInt("attempts"), rs.getString("last_failure"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return (timestamp != null) ? timestamp.toInstant() : null;
    }

    /**
     * A digest as the archive lists it.
     *
     * @param id its id
     * @param desk the desk it went to
     * @param status PENDING or SENT
     * @param subject subject line
     * @param recipients comma-separated addresses
     * @param errorCount errors listed
     * @param reportCount new reports covered
     * @param createdAt when it was built
     * @param sentAt when SMTP accepted it, or {@code null}
     * @param attempts send attempts
     * @param lastFailure why the last attempt failed, or {@code null}
     */
    record Digest(long id, String desk, String status, String subject, String recipients, int errorCount,
            int reportCount, Instant createdAt, Instant sentAt, int attempts, String lastFailure) {
    }

}
