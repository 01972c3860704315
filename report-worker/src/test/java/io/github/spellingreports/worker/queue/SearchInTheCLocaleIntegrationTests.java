package io.github.spellingreports.worker.queue;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.worker.EmbeddedPostgresSupport;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's search on a database whose locale is C: the standalone's own when it starts without
 * {@code LANG} (under a service manager or in a container, {@code initdb} takes the C locale), or a
 * DBA's choice. There PostgreSQL folds only ASCII letters for {@code ILIKE}, and "москва" did not
 * find "Москва" at the start of a sentence.
 */
class SearchInTheCLocaleIntegrationTests {

    private static JdbcClient jdbc;

    private static ErrorQueue queue;

    @BeforeAll
    static void database() {
        String url = EmbeddedPostgresSupport.separateDatabaseInTheCLocale("search_in_the_c_locale");
        SimpleDriverDataSource database = new SimpleDriverDataSource(new org.postgresql.Driver(), url, "postgres", "postgres");
        Flyway.configure().dataSource(database).cleanDisabled(false).load().clean();
        Flyway.configure().dataSource(database).load().migrate();
        jdbc = JdbcClient.create(database);
        queue = new ErrorQueue(jdbc);
    }

    @Test
    void theDatabaseIsInTheCLocale() {
        assertThat(jdbc.sql("select datctype from pg_database where datname = current_database()").query(String.class)
                .single()).isEqualTo("C");
        assertThat(jdbc.sql("select 'МОСКВА' ilike 'москва'").query(Boolean.class).single()).as("ILIKE as it is").isFalse();
    }

    @Test
    void textInCyrillicAndKazakhIsFoundWhateverItsCase() {
        long moscow = error("Вчера ", "Москва", " встретила", "Правильно: Москва");
        long kazakh = error("Біз ", "Қазақстанда", " тұрамыз", null);

        assertThat(ids("москва")).containsExactly(moscow);
        assertThat(ids("ВЧЕРА МОСКВА")).containsExactly(moscow);
        assertThat(ids("правильно")).as("in a comment").containsExactly(moscow);
        assertThat(ids("қазақстанда")).containsExactly(kazakh);
        assertThat(ids("ҚАЗАҚ")).containsExactly(kazakh);
        assertThat(ids("Straße")).isEmpty();
    }

    private static List<Long> ids(String q) {
        return queue.find(new QueueFilter(ErrorStatus.NEW, null, null, q), 0, 100).content().stream()
                .map(QueuedError::id).toList();
    }

    private static long error(String before, String selection, String after, String comment) {
        String pageUrl = "https://news.example.kz/" + UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        long id = jdbc.sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before,
                                            context_after, report_count, first_reported_at, last_reported_at)
                values (?, ?, 'Новости', 'ru', ?, ?, ?, 1, ?, ?) returning id""")
                .params(DedupKey.of(pageUrl, before, selection, after), pageUrl, selection, before, after, now, now)
                .query(Long.class).single();
        jdbc.sql("insert into report (report_id, error_id, received_at, comment, lang) values (?, ?, ?, ?, 'ru')")
                .params(UUID.randomUUID(), id, now, comment).update();
        return id;
    }

}
