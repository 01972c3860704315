package io.github.spellingreports.worker.alerts;


import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.github.spellingreports.events.DedupKey;
import jakarta.mail.internet.MimeMessage;
import io.github.spellingreports.worker.EmbeddedPostgresSupport;
import io.github.spellingreports.testsupport.LoopbackPorts;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * One context for the hot-typo alert and page check tests: a webhook and pages on {@link LocalWeb},
 * fast retries, and a database of its own on the shared PostgreSQL server, so that the shared
 * context's polls never deliver this context's alerts (and the other way round).
 */
@TestPropertySource(properties = { "spelling.alerts.enabled=true", "spelling.alerts.retry-interval=200ms", "spelling.alerts.retry-initial-interval=200ms",
        "spelling.alerts.retry-max-interval=500ms", "spelling.alerts.webhook-max-attempts=50",
        "spelling.alerts.webhook-read-timeout=1s", "spelling.digest.verify-timeout=1s" })
@Import(HotAndPageCheckTestSupport.SeparateDatabase.class)
public abstract class HotAndPageCheckTestSupport extends WorkerIntegrationTestSupport {

    private static final String DATABASE = "hot_and_page_check";

    /** A port nobody listens on (allowed as an origin too, to prove a refused connection changes nothing). */
    protected static final int CLOSED_PORT = LoopbackPorts.free();

    @DynamicPropertySource
    static void localWeb(DynamicPropertyRegistry registry) {
        registry.add("spelling.alerts.webhook-url", () -> LocalWeb.origin() + "/hook");
        registry.add("spelling.digest.verify-allowed-origins",
                () -> LocalWeb.origin() + ",http://127.0.0.1:" + CLOSED_PORT);
    }

    /** A bean rather than properties: the base class's dynamic {@code spring.datasource.url} wins over a subclass's. */
    @TestConfiguration(proxyBeanMethods = false)
    static class SeparateDatabase {

        @Bean
        HikariDataSource dataSource() {
            return EmbeddedPostgresSupport.separateDataSource(DATABASE);
        }

    }

    /**
     * An open error with reports received the given seconds before {@code t}, stored without events
     * (so no poll checks it; the alert poll only looks at the last {@code hot-window}).
     */
    protected static long error(JdbcClient jdbc, Instant t, long... secondsBefore) {
        return error(jdbc, "https://news.example.com/claim/" + UUID.randomUUID(), t, secondsBefore);
    }

    /** The same, on the given page. */
    protected static long error(JdbcClient jdbc, String page, Instant t, long... secondsBefore) {
        long errorId = jdbc.sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before, context_after,
                                            report_count, first_reported_at, last_reported_at)
                values (?, ?, 'Claim test', 'en', 'Kazakstan', 'The government in ', ', it is said', ?, ?, ?) returning id""")
                .params(DedupKey.of(page, "The government in ", "Kazakstan", ", it is said"), page, secondsBefore.length,
                        Timestamp.from(t.minusSeconds(Arrays.stream(secondsBefore).max().orElse(0))), Timestamp.from(t))
                .query(Long.class).single();
        // receipt times as the worker stores them (QueueWrites: the Instant's text, read by PostgreSQL,
        // which rounds nanoseconds half to even; pgjdbc's Timestamp would round half up)
        for (long before : secondsBefore) {
            jdbc.sql("insert into report (report_id, error_id, received_at) values (?, ?, ?::timestamptz)")
                    .params(UUID.randomUUID(), errorId, t.minusSeconds(before).toString()).update();
        }
        return errorId;
    }

    /** @return the hot-typo alert mails GreenMail received that list this error (alone or with others) */
    protected static List<MimeMessage> alertMails(long errorId) {
        return Arrays.stream(greenMail.getReceivedMessages()).filter((message) -> {
            try {
                String errors = message.getHeader("X-Spelling-Error-Id", ",");
                return errors != null && Arrays.asList(errors.split(", ")).contains(Long.toString(errorId))
                        && message.getHeader("X-Spelling-Alert-Id", ",") != null;
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).toList();
    }

}
