package io.github.spellingreports.worker.console;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Signatures of one-click links that were acted on, so that each link acts once.
 */
@Repository
class UsedLinks {

    private final JdbcClient jdbc;

    UsedLinks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    boolean isUsed(ActionLink link) {
        return this.jdbc.sql("select exists (select 1 from used_action_link where signature = :signature)")
                .param("signature", link.signature()).query(Boolean.class).single();
    }

    /** @return {@code false} when the link was used already (by another request, maybe concurrently) */
    boolean markUsed(ActionLink link) {
        return this.jdbc.sql("""
                insert into used_action_link (signature, error_id, action, expires_at)
                values (:signature, :errorId, :action, :expiresAt)
                on conflict (signature) do nothing
                """)
                .param("signature", link.signature()).param("errorId", link.errorId())
                .param("action", link.action().slug())
                .param("expiresAt", OffsetDateTime.ofInstant(link.expiresAt(), ZoneOffset.UTC))
                .update() == 1;
    }

    /** Expired links are refused by their expiry anyway; their rows only take space. */
    int purgeExpired() {
        return this.jdbc.sql("delete from used_action_link where expires_at < now() - interval '1 day'").update();
    }

}
