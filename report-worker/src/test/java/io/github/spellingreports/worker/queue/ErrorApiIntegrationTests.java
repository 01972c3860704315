package io.github.spellingreports.worker.queue;

import java.time.Instant;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;

import static io.github.spellingreports.worker.queue.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue API over real HTTP: login, paging, problem details. Data goes in through the store,
 * which is quicker than Kafka and enough here.
 */
class ErrorApiIntegrationTests extends WorkerIntegrationTestSupport {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportStore store;

    private QueueApi api;

    @BeforeEach
    void emptyQueue() {
        QueueTables.empty(this.jdbc);
        this.api = new QueueApi(this.port, ADMIN_USERNAME, ADMIN_PASSWORD);
    }

    @Test
    void queueNeedsTheAdminLogin() {
        assertThat(this.api.getAnonymously("/api/v1/errors").status()).isEqualTo(401);
        assertThat(this.api.getAnonymously("/api/v1/errors/1").status()).isEqualTo(401);
        assertThat(new QueueApi(this.port, ADMIN_USERNAME, "wrong").get("/api/v1/errors").status()).isEqualTo(401);
    }

    @Test
    void queueIsListedMostReportedThenMostRecentFirst() {
        String older = Reports.uniquePage();
        String newer = Reports.uniquePage();
        String top = Reports.uniquePage();
        store(report(older, "A ", "teh", "", null, T0));
        store(report(newer, "A ", "teh", "", null, T0.plusSeconds(60)));
        store(report(top, "A ", "teh", "", null, T0));
        store(report(top, "A ", "teh", "", null, T0));

        QueueApi.PageView all = this.api.page("");
        assertThat(all.content()).extracting(QueueApi.ErrorView::pageUrl).containsExactly(top, newer, older);
        assertThat(all.page()).isZero();
        assertThat(all.size()).isEqualTo(20);
        assertThat(all.totalElements()).isEqualTo(3);
        assertThat(all.totalPages()).isEqualTo(1);

        QueueApi.PageView last = this.api.page("?status=NEW&page=1&size=2");
        assertThat(last.content()).extracting(QueueApi.ErrorView::pageUrl).containsExactly(older);
        assertThat(last.totalPages()).isEqualTo(2);
        assertThat(this.api.page("?page=5&size=2").content()).isEmpty();
    }

    @Test
    void oneErrorIsShownWithItsReports() {
        SpellingErrorReported report = report(Reports.uniquePage(), "Coffee in ", "caf\u00e9s", " is cheap.", "Plural?", T0);
        long id = store(report).errorId();
        QueueApi.Response response = this.api.get("/api/v1/errors/" + id);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"id\":" + id, "\"pageUrl\":\"" + report.pageUrl() + "\"",
                "\"pageTitle\":\"Example news\"", "\"selection\":\"caf\u00e9s\"", "\"contextBefore\":\"Coffee in \"",
                "\"contextAfter\":\" is cheap.\"", "\"reportCount\":1", "\"comments\":[\"Plural?\"]", "\"lang\":\"en\"",
                "\"status\":\"NEW\"", "\"firstReportedAt\":\"2026-11-20T10:00:00Z\"",
                "\"lastReportedAt\":\"2026-11-20T10:00:00Z\"");
    }

    @Test
    void aViralErrorListsItsLatestCommentsAndPagesItsReports() {
        String page = Reports.uniquePage();
        long id = 0;
        for (int i = 0; i < 25; i++) {
            id = store(report(page, "A ", "teh", "", "comment " + i, T0.plusSeconds(i))).errorId();
        }
        store(report(page, "A ", "teh", "", null, T0.plusSeconds(30)));
        String latest = "\"comments\":[\"comment 15\",\"comment 16\",\"comment 17\",\"comment 18\",\"comment 19\","
                + "\"comment 20\",\"comment 21\",\"comment 22\",\"comment 23\",\"comment 24\"],\"moreComments\":true";
        assertThat(this.api.get("/api/v1/errors?pageUrl=" + page).body()).contains(latest, "\"reportCount\":26");
        assertThat(this.api.get("/api/v1/errors/" + id).body()).contains(latest);

        QueueApi.Response newest = this.api.get("/api/v1/errors/" + id + "/reports?size=10");
        assertThat(newest.status()).isEqualTo(200);
        assertThat(newest.body()).startsWith("{\"content\":[{\"receivedAt\":\"2026-11-20T10:00:30Z\",\"comment\":null,\"lang\":\"en\"},"
                + "{\"receivedAt\":\"2026-11-20T10:00:24Z\",\"comment\":\"comment 24\",\"lang\":\"en\"}")
                .endsWith("\"page\":0,\"size\":10,\"totalElements\":26,\"totalPages\":3}");
        assertThat(this.api.get("/api/v1/errors/" + id + "/reports?page=2&size=10").body())
                .contains("\"comment\":\"comment 5\"", "\"comment\":\"comment 0\"").doesNotContain("comment 6\"");
        assertThat(this.api.get("/api/v1/errors/" + id + "/reports").body()).contains("\"size\":100,\"totalElements\":26");

        assertProblem(this.api.get("/api/v1/errors/" + Long.MAX_VALUE + "/reports"), 404);
        QueueApi.Response tooLarge = this.api.get("/api/v1/errors/" + id + "/reports?size=1001");
        assertProblem(tooLarge, 400);
        assertThat(tooLarge.body()).contains("\"size\":\"must be less than or equal to 1000\"");
    }

    @Test
    void unknownErrorIsA404Problem() {
        QueueApi.Response response = this.api.get("/api/v1/errors/" + Long.MAX_VALUE);
        assertProblem(response, 404);
        assertThat(response.body()).contains("\"title\":\"Error not found\"");
    }

    @Test
    void unknownStatusIsA400ProblemThatNamesTheStatuses() {
        QueueApi.Response response = this.api.get("/api/v1/errors?status=BOGUS");
        assertProblem(response, 400);
        assertThat(response.body()).contains(
                "\"detail\":\"Invalid request: status: must be one of NEW, FIXED, DISMISSED, SPAM.\"",
                "\"errors\":{\"status\":\"must be one of NEW, FIXED, DISMISSED, SPAM\"}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            page=-1                   | "page":"must be greater than or equal to 0"
            page=x                    | "page":"must be a whole number up to 2147483647"
            size=0                    | "size":"must be greater than or equal to 1"
            size=101                  | "size":"must be less than or equal to 100"
            size=9223372036854775807  | "size":"must be a whole number up to 2147483647"
            page=-1&size=101          | "errors":{"page":"must be greater than or equal to 0","size":"must be less than or equal to 100"}
            lang=abcdefghijklmnopqrstuvwxyzabcdefghijk | "lang":"must be at most 35 characters"
            """)
    void badPagingOrFilterIsA400ProblemThatNamesTheParameter(String query, String error) {
        QueueApi.Response response = this.api.get("/api/v1/errors?" + query);
        assertProblem(response, 400);
        assertThat(response.body()).contains(error, "\"detail\":\"Invalid request: ");
    }

    /** PostgreSQL refuses a NUL in text: a 400 that names the filter, not a 500. */
    @ParameterizedTest
    @ValueSource(strings = { "lang", "pageUrl", "q" })
    void filterWithANulCharacterIsA400ProblemThatNamesIt(String filter) {
        // the client encodes the character as %00
        QueueApi.Response response = this.api.get("/api/v1/errors?" + filter + "=a\u0000b");
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"errors\":{\"" + filter + "\":\"must not contain a NUL character\"}");
    }

    @Test
    void nonNumericIdIsA400ProblemThatNamesIt() {
        QueueApi.Response response = this.api.get("/api/v1/errors/abc");
        assertProblem(response, 400);
        assertThat(response.body()).contains("\"errors\":{\"id\":\"must be a whole number up to 9223372036854775807\"}");
    }

    private ReportStore.Outcome store(SpellingErrorReported report) {
        return this.store.store(IncomingReport.from(report.dedupKey(), report));
    }

    private static void assertProblem(QueueApi.Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).isNotNull();
        assertThat(response.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(response.body()).contains("\"status\":" + status).doesNotContain("Exception", "\tat ");
    }

}
