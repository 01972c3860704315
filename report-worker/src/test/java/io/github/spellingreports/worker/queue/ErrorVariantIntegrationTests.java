package io.github.spellingreports.worker.queue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Overlapping selections of one place of a page are one error with variants; everything else stays
 * apart. Real PostgreSQL; every test uses its own page.
 */
class ErrorVariantIntegrationTests extends WorkerIntegrationTestSupport {

    private static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    private static final String TEXT = OverlapTests.PAGE;

    @Autowired
    ReportStore store;

    @Autowired
    ErrorQueue queue;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    WebApplicationContext context;

    @LocalServerPort
    int port;

    @Test
    void threeVariantsJoinOneErrorThatShowsTheMostReported() {
        String page = Reports.uniquePage();
        long errorId = store(page, "Kazakstan", 0).errorId();
        assertThat(store(page, "in Kazakstan,", 0).errorId()).isEqualTo(errorId);
        ReportStore.Outcome third = store(page, "Kazakstan, it", 0);
        ReportStore.Outcome fourth = store(page, "in Kazakstan,", 0);

        assertThat(third.errorId()).isEqualTo(errorId);
        assertThat(third.kind()).isEqualTo("merged");
        assertThat(fourth.reportCount()).isEqualTo(4);
        assertThat(errorsOn(page)).isEqualTo(1);
        assertThat(this.queue.findById(errorId)).hasValueSatisfying((error) -> {
            assertThat(error.reportCount()).isEqualTo(4);
            assertThat(error.variantCount()).isEqualTo(3);
            assertThat(error.selection()).isEqualTo("in Kazakstan,");
        });
        assertThat(this.queue.variants(errorId)).extracting(ErrorVariant::selection, ErrorVariant::reportCount,
                ErrorVariant::shown).containsExactly(tuple("in Kazakstan,", 2, true),
                        tuple("Kazakstan", 1, false),
                        tuple("Kazakstan, it", 1, false));
    }

    @Test
    void variantReportedMoreOftenLaterBecomesTheShownOneAndATieKeepsTheShownOne() {
        String page = Reports.uniquePage();
        long errorId = store(page, "Kazakstan", 0).errorId();
        store(page, "government in Kazakstan", 0);
        assertThat(shownSelection(errorId)).as("a tie keeps the first").isEqualTo("Kazakstan");
        store(page, "government in Kazakstan", 0);
        assertThat(shownSelection(errorId)).isEqualTo("government in Kazakstan");
        assertThat(this.queue.findById(errorId)).hasValueSatisfying((error) -> {
            assertThat(error.contextBefore()).endsWith("The ");
            assertThat(error.contextAfter()).startsWith(", it is said");
        });
        store(page, "Kazakstan", 0);
        assertThat(shownSelection(errorId)).as("a tie keeps the shown one").isEqualTo("government in Kazakstan");
    }

    @Test
    void overlappingVariantsInOnePollMakeOneError() {
        String page = Reports.uniquePage();
        List<ReportStore.Outcome> outcomes = this.store.storeAll(List.of(incoming(page, "Kazakstan", 0),
                incoming(page, "in Kazakstan,", 0), incoming(page, "Kazakstan, it", 0), incoming(page, "Kazakstan", 0)));
        assertThat(outcomes).extracting(ReportStore.Outcome::errorId).containsOnly(outcomes.get(0).errorId());
        assertThat(outcomes).extracting(ReportStore.Outcome::kind).containsExactly("new_error", "merged", "merged", "merged");
        assertThat(errorsOn(page)).isEqualTo(1);
        assertThat(this.queue.variants(outcomes.get(0).errorId())).hasSize(3).first()
                .satisfies((variant) -> assertThat(variant.selection()).isEqualTo("Kazakstan"));
    }

    @Test
    void adjacentSelectionsThatDoNotOverlapStayTwoErrors() {
        String page = Reports.uniquePage();
        long government = store(page, "government", 0).errorId();
        long in = store(page, "in", TEXT.indexOf("government")).errorId();
        assertThat(in).isNotEqualTo(government);
        assertThat(errorsOn(page)).isEqualTo(2);
    }

    @Test
    void sameWordAtTwoPlacesOfAPageStaysTwoErrors() {
        String page = Reports.uniquePage();
        long first = store(page, "Kazakstan", 0).errorId();
        long second = store(page, "Kazakstan", TEXT.indexOf("Kazakstan") + 1).errorId();
        assertThat(second).isNotEqualTo(first);
        assertThat(this.queue.variants(first)).hasSize(1);
    }

    @Test
    void selectionSentWithoutContextStaysAnErrorOfItsOwn() {
        String page = Reports.uniquePage();
        SpellingErrorReported letter = Reports.report(page, "", "a", "", null, T0);
        long letterError = this.store.store(IncomingReport.from(letter.dedupKey(), letter)).errorId();
        long kazakstan = store(page, "Kazakstan", 0).errorId();
        assertThat(kazakstan).isNotEqualTo(letterError);
        assertThat(this.queue.variants(letterError)).extracting(ErrorVariant::selection).containsExactly("a");
        assertThat(errorsOn(page)).isEqualTo(2);
    }

    @Test
    void overlappingSelectionsOfDifferentPagesNeverJoin() {
        String page = Reports.uniquePage();
        String otherPage = Reports.uniquePage();
        long errorId = store(page, "Kazakstan", 0).errorId();
        assertThat(store(otherPage, "in Kazakstan,", 0).errorId()).isNotEqualTo(errorId);
        assertThat(store(otherPage, "Kazakstan", 0).errorId()).isNotEqualTo(errorId);
    }

    @Test
    void redeliveredReportOfAVariantCountsOnce() {
        String page = Reports.uniquePage();
        long errorId = store(page, "Kazakstan", 0).errorId();
        IncomingReport variant = incoming(page, "in Kazakstan,", 0);
        assertThat(this.store.store(variant).kind()).isEqualTo("merged");
        List<ReportStore.Outcome> again = this.store.storeAll(List.of(variant, variant));
        assertThat(again).extracting(ReportStore.Outcome::kind).containsExactly("redelivered", "redelivered");
        assertThat(again).extracting(ReportStore.Outcome::errorId).containsOnly(errorId);
        assertThat(this.queue.findById(errorId)).hasValueSatisfying((error) -> assertThat(error.reportCount()).isEqualTo(2));
        assertThat(this.queue.variants(errorId)).extracting(ErrorVariant::reportCount).containsExactly(1, 1);
    }

    @Test
    void exactDuplicatesCountOnTheirVariantWithoutANewOne() {
        String page = Reports.uniquePage();
        long errorId = store(page, "Kazakstan", 0).errorId();
        List<ReportStore.Outcome> outcomes = this.store.storeAll(List.of(incoming(page, "Kazakstan", 0),
                incoming(page, "Kazakstan", 0)));
        assertThat(outcomes).extracting(ReportStore.Outcome::reportCount).containsExactly(2, 3);
        assertThat(this.queue.variants(errorId)).singleElement()
                .satisfies((variant) -> assertThat(variant.reportCount()).isEqualTo(3));
    }

    @Test
    void variantOfAFixedErrorReopensItLikeAnExactDuplicate() {
        String page = Reports.uniquePage();
        long errorId = store(page, "Kazakstan", 0).errorId();
        this.jdbc.sql("update spelling_error set status = 'FIXED', status_changed_at = now() where id = ?").param(errorId).update();
        store(page, "Kazakstan, it", 0);
        assertThat(this.queue.findById(errorId)).hasValueSatisfying((error) -> {
            assertThat(error.status()).isEqualTo(ErrorStatus.NEW);
            assertThat(error.reportedAgainAfterFix()).isTrue();
        });
        assertThat(this.jdbc.sql("select note from status_change where error_id = ?").param(errorId).query(String.class)
                .list()).containsExactly("reported again after fix");
    }

    @Test
    void deletingAnErrorDeletesItsVariants() {
        String page = Reports.uniquePage();
        long errorId = store(page, "Kazakstan", 0).errorId();
        store(page, "in Kazakstan,", 0);
        this.jdbc.sql("delete from spelling_error where id = ?").param(errorId).update();
        assertThat(this.jdbc.sql("select count(*) from error_variant where error_id = ?").param(errorId)
                .query(Integer.class).single()).isZero();
    }

    @Test
    void concurrentPollsWithOverlappingVariantsOfOnePageMakeOneError() throws Exception {
        String page = Reports.uniquePage();
        CountDownLatch firstStored = new CountDownLatch(1);
        CountDownLatch commitFirst = new CountDownLatch(1);
        TransactionTemplate transaction = new TransactionTemplate(this.transactions);
        CompletableFuture<ReportStore.Outcome> first = CompletableFuture.supplyAsync(() -> transaction.execute((status) -> {
            ReportStore.Outcome outcome = this.store.store(incoming(page, "Kazakstan", 0));
            firstStored.countDown();
            awaitLatch(commitFirst);
            return outcome;
        }));
        assertThat(firstStored.await(30, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<ReportStore.Outcome> second = CompletableFuture
                .supplyAsync(() -> this.store.store(incoming(page, "in Kazakstan,", 0)));
        try {
            // the second waits for the page until the first commits
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                    .untilAsserted(() -> assertThat(second).isNotDone());
        }
        finally {
            commitFirst.countDown();
        }
        assertThat(second.get(30, TimeUnit.SECONDS).errorId()).isEqualTo(first.get(30, TimeUnit.SECONDS).errorId());
        assertThat(errorsOn(page)).isEqualTo(1);
    }

    @Test
    void digestShowsTheMostReportedSelectionAndNamesTheOthersWithTheirCounts() throws Exception {
        String page = Reports.uniquePage();
        long errorId = threeReportsOfKazakstanForTheNextDigest(page);
        store(page, "in Kazakstan,", 0);
        store(page, "in Kazakstan,", 0);
        store(page, "Kazakstan, it", 0);

        assertThat(sendDigest()).isEqualTo(201);

        Document html = Jsoup.parse(onlyMailsPart("text/html"));
        String text = onlyMailsPart("text/plain");
        assertThat(html.select("[data-error-id=" + errorId + "] mark").text()).isEqualTo("Kazakstan");
        // <q> marks are the mail client's: the text is the selections and their counts
        assertThat(html.select("[data-error-id=" + errorId + "] .other-selections").text())
                .isEqualTo("Also selected as in Kazakstan, (2), Kazakstan, it (1)");
        assertThat(html.select("[data-error-id=" + errorId + "] .other-selections q")).extracting(org.jsoup.nodes.Element::text)
                .containsExactly("in Kazakstan,", "Kazakstan, it");
        assertThat(text).contains(">>Kazakstan<<", "Also selected as: \"in Kazakstan,\" (2), \"Kazakstan, it\" (1)");
    }

    /**
     * Readers who selected the same text with other context (the article was edited, a widget sent
     * less of it) made variants of the same selection: the digest does not name it as another one.
     */
    @Test
    void digestNamesOnlySelectionsOtherThanTheOneItShows() throws Exception {
        String page = Reports.uniquePage();
        long errorId = threeReportsOfKazakstanForTheNextDigest(page);
        IncomingReport full = incoming(page, "Kazakstan", 0);
        for (int reader = 0; reader < 2; reader++) {
            SpellingErrorReported lessContext = Reports.report(page, full.contextBefore(), "Kazakstan",
                    full.contextAfter().substring(0, 4), null, T0);
            assertThat(this.store.store(IncomingReport.from(lessContext.dedupKey(), lessContext)).errorId()).isEqualTo(errorId);
        }
        store(page, "in Kazakstan,", 0);

        assertThat(sendDigest()).isEqualTo(201);

        Document html = Jsoup.parse(onlyMailsPart("text/html"));
        assertThat(html.select("[data-error-id=" + errorId + "] mark").text()).isEqualTo("Kazakstan");
        assertThat(html.select("[data-error-id=" + errorId + "] .other-selections").text())
                .isEqualTo("Also selected as in Kazakstan, (1)");
    }

    /**
     * Sends a digest first, so that the next one lists only this test's error, then stores three
     * reports of "Kazakstan" on the page.
     * @return the error
     */
    private long threeReportsOfKazakstanForTheNextDigest(String page) throws Exception {
        sendDigest();
        greenMail.purgeEmailFromAllMailboxes();
        long errorId = store(page, "Kazakstan", 0).errorId();
        store(page, "Kazakstan", 0);
        store(page, "Kazakstan", 0);
        return errorId;
    }

    /** @return the part of that type of the one mail GreenMail received */
    private static String onlyMailsPart(String type) throws Exception {
        jakarta.mail.internet.MimeMessage[] mails = greenMail.getReceivedMessages();
        assertThat(mails).hasSize(1);
        jakarta.mail.Multipart parts = (jakarta.mail.Multipart) mails[0].getContent();
        for (int i = 0; i < parts.getCount(); i++) {
            if (parts.getBodyPart(i).isMimeType(type)) {
                return (String) parts.getBodyPart(i).getContent();
            }
        }
        throw new AssertionError("no " + type + " part");
    }

    private int sendDigest() {
        return org.springframework.web.client.RestClient.builder().baseUrl("http://127.0.0.1:" + this.port)
                .defaultHeaders((headers) -> headers.setBasicAuth(ADMIN_USERNAME, ADMIN_PASSWORD)).build()
                .post().uri("/api/v1/digests").exchange((request, response) -> response.getStatusCode().value());
    }

    @Test
    void apiAndConsoleShowTheVariantsWithTheirCounts() throws Exception {
        String page = Reports.uniquePage();
        long errorId = store(page, "Kazakstan", 0).errorId();
        store(page, "Kazakstan", 0);
        store(page, "in Kazakstan,", 0);

        QueueApi.Response details = new QueueApi(this.port, ADMIN_USERNAME, ADMIN_PASSWORD).get("/api/v1/errors/" + errorId);
        assertThat(details.status()).isEqualTo(200);
        assertThat(details.body()).contains("\"id\":" + errorId, "\"selection\":\"Kazakstan\"", "\"reportCount\":3",
                "\"variantCount\":2", "\"variants\":[{\"selection\":\"Kazakstan\"", "\"selection\":\"in Kazakstan,\"");

        MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
        Document console = Jsoup.parse(mvc.perform(get("/console/errors/{id}", errorId).with(user("ed").roles("EDITOR")))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString());
        assertThat(console.select("#variants tbody tr")).hasSize(2);
        assertThat(console.select("#variants tbody tr").get(0).text()).contains("Kazakstan", "2", "shown");
        assertThat(console.select("#variants tbody tr").get(1).select("mark").text()).isEqualTo("in Kazakstan,");
        assertThat(console.select("#variants tbody tr").get(1).select(".count").text()).isEqualTo("1");
    }

    private ReportStore.Outcome store(String page, String selection, int from) {
        return this.store.store(incoming(page, selection, from));
    }

    /** A report of the first {@code selection} at or after {@code from} in {@link #TEXT}, with the widget's 60 characters of context. */
    private static IncomingReport incoming(String page, String selection, int from) {
        int at = TEXT.indexOf(selection, from);
        int end = at + selection.length();
        SpellingErrorReported report = Reports.report(page, TEXT.substring(Math.max(0, at - 60), at), selection,
                TEXT.substring(end, Math.min(TEXT.length(), end + 60)), null, T0);
        return IncomingReport.from(report.dedupKey(), report);
    }

    private String shownSelection(long errorId) {
        return this.queue.findById(errorId).orElseThrow().selection();
    }

    private long errorsOn(String page) {
        return this.jdbc.sql("select count(*) from spelling_error where page_url = ?").param(page).query(Long.class).single();
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            assertThat(latch.await(30, TimeUnit.SECONDS)).isTrue();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

}
