package io.github.spellingreports.worker.queue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.RestClient;

import static io.github.spellingreports.worker.queue.Reports.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The moderation model against real PostgreSQL: status changes through the API with their audit
 * trail, and what new reports do to settled errors and to the next digest. Reports go in through
 * the real store.
 */
class ModerationIntegrationTests extends WorkerIntegrationTestSupport {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ReportStore store;

    @Autowired
    Moderation moderation;

    @Autowired
    ErrorQueue queue;

    TransactionTemplate transactions;

    @Autowired
    void transactions(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
    }

    RestClient admin;

    @BeforeEach
    void emptyQueue() throws Exception {
        QueueTables.empty(this.jdbc);
        this.jdbc.sql("delete from digest").update();
        greenMail.purgeEmailFromAllMailboxes();
        this.admin = RestClient.builder().baseUrl("http://127.0.0.1:" + this.port)
                .defaultHeaders((headers) -> headers.setBasicAuth(ADMIN_USERNAME, ADMIN_PASSWORD)).build();
    }

    @Test
    void statusChangesAreRecordedWithWhoWhenAndNote() {
        long id = store(report(Reports.uniquePage(), "teh")).errorId();

        Answer fixed = changeStatus(id, "{\"status\":\"FIXED\",\"note\":\"corrected in the CMS\"}");
        Answer reopened = changeStatus(id, "{\"status\":\"NEW\"}");

        assertThat(fixed.status()).isEqualTo(200);
        assertThat(fixed.body()).containsEntry("status", "FIXED").containsEntry("id", (int) id);
        assertThat(reopened.body()).containsEntry("status", "NEW");
        List<StatusChange> history = this.moderation.history(id);
        assertThat(history).extracting(StatusChange::from, StatusChange::to, StatusChange::changedBy, StatusChange::via,
                StatusChange::note).containsExactly(
                        tuple(ErrorStatus.NEW, ErrorStatus.FIXED, ADMIN_USERNAME, "api", "corrected in the CMS"),
                        tuple(ErrorStatus.FIXED, ErrorStatus.NEW, ADMIN_USERNAME, "api", null));
        assertThat(history.get(0).changedAt()).isBeforeOrEqualTo(history.get(1).changedAt());
    }

    @Test
    void invalidTransitionIsA409Problem() {
        long id = store(report(Reports.uniquePage(), "teh")).errorId();
        changeStatus(id, "{\"status\":\"FIXED\"}");

        Answer answer = changeStatus(id, "{\"status\":\"DISMISSED\"}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(answer.body()).containsEntry("title", "Invalid status change").containsEntry("currentStatus", "FIXED");
        assertThat(changeStatus(id, "{\"status\":\"FIXED\"}").status()).isEqualTo(409);
        assertThat(this.moderation.history(id)).hasSize(1);
    }

    @Test
    void unknownErrorAndBadBodiesAreProblems() throws Exception {
        Answer unknown = changeStatus(Long.MAX_VALUE, "{\"status\":\"FIXED\"}");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).containsEntry("title", "Error not found");
        long id = store(report(Reports.uniquePage(), "teh")).errorId();
        assertBadRequest(changeStatus(id, "{\"status\":\"BOGUS\"}"), "status", "must be one of NEW, FIXED, DISMISSED, SPAM");
        assertBadRequest(changeStatus(id, "{}"), "status", "must not be null");
        assertBadRequest(changeStatus(id, "{\"status\":\"FIXED\",\"note\":\"" + "x".repeat(1001) + "\"}"), "note",
                "must be at most 1000 characters");
        // PostgreSQL refuses a NUL in text: a 400 that says so, not a 500
        assertBadRequest(changeStatus(id, "{\"status\":\"FIXED\",\"note\":\"a\\u0000b\"}"), "note",
                "must not contain a NUL character");
        Answer notJson = changeStatus(id, "{\"status\":");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body()).containsEntry("detail", "The request body is not readable JSON: the parser stopped at line 1, column 11.")
                .doesNotContainKey("errors");
        assertThat(changeStatus(id, "[\"FIXED\"]").body())
                .containsEntry("detail", "The request body is not a JSON object: send one.");
        assertThat(changeStatus(id, "").body()).containsEntry("detail", "The request body is missing: send a JSON object.");
        Answer form = changeStatus(id, MediaType.APPLICATION_FORM_URLENCODED, "status=FIXED");
        assertThat(form.status()).isEqualTo(415);
        assertThat(form.body()).containsEntry("detail",
                "Content-Type 'application/x-www-form-urlencoded;charset=UTF-8' is not supported: send the body as JSON, "
                        + "with Content-Type: application/json.");
        // RestClient always sends a Content-Type; the JDK's client sends none unless told
        HttpResponse<String> untyped = HttpClient.newHttpClient().send(HttpRequest
                .newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/errors/" + id + "/status"))
                .header(HttpHeaders.AUTHORIZATION, "Basic " + HttpHeaders.encodeBasicAuth(ADMIN_USERNAME, ADMIN_PASSWORD, null))
                .POST(HttpRequest.BodyPublishers.ofString("{\"status\":\"FIXED\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(untyped.statusCode()).isEqualTo(415);
        assertThat(untyped.body()).contains(
                "\"detail\":\"The request has no Content-Type: send the body as JSON, with Content-Type: application/json.\"");
        assertThat(this.moderation.history(id)).isEmpty();
    }

    @Test
    void fixedErrorReportedAgainIsReopenedFlaggedAndInTheNextDigestWithOnlyItsNewReports() throws Exception {
        String page = Reports.uniquePage();
        long id = store(report(page, "A ", "teh", " cat", null, T0)).errorId();
        store(report(page, "A ", "teh", " cat", null, T0.plusSeconds(1)));
        assertThat(createDigest()).isEqualTo(201);
        this.moderation.change(id, ErrorStatus.FIXED, "ed", Moderation.Via.CONSOLE, null);
        greenMail.purgeEmailFromAllMailboxes();

        store(report(page, "A ", "teh", " cat", "still there", T0.plusSeconds(60)));

        QueuedError reopened = this.queue.findById(id).orElseThrow();
        assertThat(reopened.status()).isEqualTo(ErrorStatus.NEW);
        assertThat(reopened.reportedAgainAfterFix()).isTrue();
        assertThat(reopened.reportCount()).isEqualTo(3);
        assertThat(this.moderation.history(id)).last().satisfies((change) -> {
            assertThat(change.changedBy()).isEqualTo(Moderation.SYSTEM);
            assertThat(change.note()).isEqualTo("reported again after fix");
        });
        assertThat(createDigest()).isEqualTo(201);
        Element entry = onlyDigestMail().selectFirst("[data-error-id=" + id + "]");
        assertThat(entry).isNotNull();
        // a fix settles the error's reports: what is new is what came since
        assertThat(entry.selectFirst(".counts").text()).contains("Reported again after fix", "3 reports",
                "(1 new since it was marked fixed)");
    }

    @Test
    void errorFixedBeforeAnyDigestShowsOnlyReportsSinceTheFixWhenReopened() throws Exception {
        String page = Reports.uniquePage();
        long id = store(report(page, "A ", "teh", " cat", null, T0)).errorId();
        store(report(page, "A ", "teh", " cat", null, T0));
        store(report(page, "A ", "teh", " cat", null, T0));
        this.moderation.change(id, ErrorStatus.FIXED, "ed", Moderation.Via.CONSOLE, null);
        store(report(page, "A ", "teh", " cat", null, T0.plusSeconds(60)));

        assertThat(createDigest()).isEqualTo(201);

        assertThat(onlyDigestMail().selectFirst("[data-error-id=" + id + "] .counts").text())
                .contains("4 reports", "(1 new since it was marked fixed)").doesNotContain("last digest");
    }

    @Test
    void dismissedErrorCountsNewReportsButStaysOutOfTheDigest() {
        String page = Reports.uniquePage();
        long id = store(report(page, "A ", "teh", " cat", null, T0)).errorId();
        this.moderation.change(id, ErrorStatus.DISMISSED, "ed", Moderation.Via.CONSOLE, "house style");

        store(report(page, "A ", "teh", " cat", null, T0.plusSeconds(60)));

        QueuedError dismissed = this.queue.findById(id).orElseThrow();
        assertThat(dismissed.status()).isEqualTo(ErrorStatus.DISMISSED);
        assertThat(dismissed.reportCount()).isEqualTo(2);
        assertThat(dismissed.reportedAgainAfterFix()).isFalse();
        assertThat(createDigest()).isEqualTo(204);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void queueIsFilteredByStatusLanguagePageAndText() {
        String sport = "https://news.example.com/sport/" + UUID.randomUUID();
        String politics = "https://news.example.com/politics/" + UUID.randomUUID();
        long a = store(report(sport, "The ", "footbal", " match", "Missing an L", T0)).errorId();
        long b = store(withLang(report(politics, "Das ", "Parlamnet", " tagt", null, T0), "de-AT")).errorId();
        long c = store(report(politics, "Rates of 5", "%_", " rose", null, T0)).errorId();
        this.moderation.change(c, ErrorStatus.SPAM, "ed", Moderation.Via.CONSOLE, null);

        assertThat(ids("")).containsExactlyInAnyOrder(a, b);
        assertThat(ids("?status=SPAM")).containsExactly(c);
        assertThat(ids("?lang=de")).containsExactly(b);
        assertThat(ids("?lang=DE-at")).containsExactly(b);
        assertThat(ids("?pageUrl=https://news.example.com/sport/")).containsExactly(a);
        // the page's address as an editor copies it from the browser
        assertThat(idsOfPage(sport.replace("https://news.", "HTTPS://News.") + "/?utm_source=newsletter&fbclid=x#comments"))
                .containsExactly(a);
        assertThat(idsOfPage("https://news.example.com:443/politics")).containsExactly(b);
        assertThat(idsOfPage("news.example.com/sport")).as("not a whole URL: a prefix as typed").isEmpty();
        assertThat(ids("?q=FOOTBAL")).containsExactly(a);
        assertThat(ids("?q=missing an")).containsExactly(a);
        assertThat(ids("?q=tagt")).containsExactly(b);
        // a phrase copied from the article, across the selection and its context, typed with a double space
        assertThat(ids("?q=the footbal")).containsExactly(a);
        assertThat(ids("?q=Das Parlamnet tagt")).containsExactly(b);
        assertThat(ids("?q=footbal  match")).containsExactly(a);
        assertThat(ids("?q=%")).isEmpty();
        assertThat(ids("?status=SPAM&q=%_")).containsExactly(c);
        assertThat(ids("?q=match&lang=de")).isEmpty();
        Map<String, Object> paged = this.admin.get().uri("/api/v1/errors?size=1&page=1").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(paged).containsEntry("totalElements", 2).containsEntry("totalPages", 2);
    }

    private List<Long> idsOfPage(String pageUrl) {
        return ids(this.admin.get().uri("/api/v1/errors?pageUrl={pageUrl}", pageUrl));
    }

    private List<Long> ids(String query) {
        return ids(this.admin.get().uri("/api/v1/errors" + query));
    }

    private static List<Long> ids(RestClient.RequestHeadersSpec<?> request) {
        Map<String, Object> page = request.retrieve().body(new ParameterizedTypeReference<Map<String, Object>>() { });
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> content = (List<Map<String, Object>>) page.get("content");
        return content.stream().map((error) -> ((Number) error.get("id")).longValue()).toList();
    }

    private static SpellingErrorReported withLang(SpellingErrorReported report, String lang) {
        return new SpellingErrorReported(report.schemaVersion(), report.reportId(), report.dedupKey(), report.pageUrl(),
                report.pageTitle(), lang, report.selection(), report.contextBefore(), report.contextAfter(),
                report.comment(), report.receivedAt(), report.clientHash());
    }

    private static void assertBadRequest(Answer answer, String field, String message) {
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(answer.body()).containsEntry("detail", "Invalid request: " + field + ": " + message + ".")
                .containsEntry("errors", Map.of(field, message));
    }

    private Answer changeStatus(long id, String json) {
        return changeStatus(id, MediaType.APPLICATION_JSON, json);
    }

    private Answer changeStatus(long id, MediaType type, String body) {
        return this.admin.post().uri("/api/v1/errors/{id}/status", id).contentType(type).body(body)
                .exchange((request, response) -> new Answer(response.getStatusCode().value(),
                        response.getHeaders().getContentType(),
                        response.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { })), true);
    }

    private int createDigest() {
        return this.admin.post().uri("/api/v1/digests").exchange((request, response) -> response.getStatusCode().value());
    }

    private static Document onlyDigestMail() throws Exception {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        assertThat(messages).hasSize(1);
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) messages[0].getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType("text/html")) {
                return Jsoup.parse((String) parts.getBodyPart(i).getContent());
            }
        }
        throw new AssertionError("digest has no HTML part");
    }

    /**
     * A bulk change locks its errors as the consumer's poll does, in ascending order of id: in the
     * order the queue shows them (most reported first) each held an error the other waited for, and
     * PostgreSQL failed one of them; the editor saw "the database cannot be reached", nothing changed.
     */
    @Test
    void aBulkChangeAndAPollLockingTheSameErrorsDoNotDeadlock() throws Exception {
        long low = store(report(Reports.uniquePage(), "teh")).errorId();
        long high = store(report(Reports.uniquePage(), "adn")).errorId();
        assertThat(high).isGreaterThan(low);
        CountDownLatch lowLocked = new CountDownLatch(1);
        ExecutorService poll = Executors.newSingleThreadExecutor();
        try {
            // a poll's transaction: the lower id first, then, once the bulk change waits for a lock, the higher
            Future<?> polled = poll.submit(() -> this.transactions.executeWithoutResult((status) -> {
                lock(low);
                lowLocked.countDown();
                await().atMost(Duration.ofSeconds(20)).until(() -> this.jdbc.sql("""
                        select count(*) from pg_stat_activity
                         where datname = current_database() and wait_event_type = 'Lock'
                           and query like 'select status from spelling_error where id = % for update'""")
                        .query(Integer.class).single() > 0);
                lock(high);
            }));
            assertThat(lowLocked.await(20, TimeUnit.SECONDS)).isTrue();

            int changed = this.moderation.changeAll(List.of(high, low), ErrorStatus.FIXED, "ed", Moderation.Via.CONSOLE, null);

            polled.get(20, TimeUnit.SECONDS);
            assertThat(changed).isEqualTo(2);
        }
        finally {
            poll.shutdownNow();
        }
    }

    /**
     * A reopen by a poll whose transaction began before an editor's fix, and waited for it, is listed
     * after the fix: listed by when each transaction began, the history ended on "fixed" for an error
     * that was open again.
     */
    @Test
    void aReopenRecordedAfterAFixIsListedAfterItThoughItsTransactionBeganFirst() throws Exception {
        long id = store(report(Reports.uniquePage(), "teh")).errorId();
        ExecutorService editor = Executors.newSingleThreadExecutor();
        try {
            this.transactions.executeWithoutResult((status) -> {
                // the poll's transaction has begun (now() is fixed from here on)
                this.jdbc.sql("select 1").query(Integer.class).single();
                try {
                    editor.submit(() -> this.moderation.change(id, ErrorStatus.FIXED, "ed", Moderation.Via.CONSOLE, null))
                            .get(20, TimeUnit.SECONDS);
                }
                catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
                this.moderation.record(id, ErrorStatus.FIXED, ErrorStatus.NEW, Moderation.SYSTEM, Moderation.Via.REPORT,
                        "reported again after fix");
            });
        }
        finally {
            editor.shutdownNow();
        }

        assertThat(this.moderation.history(id)).extracting(StatusChange::from, StatusChange::to)
                .containsExactly(tuple(ErrorStatus.NEW, ErrorStatus.FIXED), tuple(ErrorStatus.FIXED, ErrorStatus.NEW));
        List<StatusChange> history = this.moderation.history(id);
        assertThat(history.get(1).changedAt()).isAfterOrEqualTo(history.get(0).changedAt());
    }

    private void lock(long errorId) {
        this.jdbc.sql("select id from spelling_error where id = ? for no key update").param(errorId).query(Long.class).single();
    }

    private ReportStore.Outcome store(SpellingErrorReported report) {
        return this.store.store(IncomingReport.from(report.dedupKey(), report));
    }

    record Answer(int status, MediaType contentType, Map<String, Object> body) {
    }

}
