package io.github.spellingreports.worker.digest;

import java.sql.Connection;
import java.util.concurrent.CompletableFuture;

import io.github.spellingreports.worker.console.ActionLinks;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DigestOnlyNewIntegrationTests extends DigestApiTestSupport {

    @Autowired
    DigestService service;

    @Autowired
    DigestSender sender;

    @Autowired
    DigestProperties properties;

    @Autowired
    DigestSizeProperties size;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    ActionLinks links;

    @Test
    void secondDigestListsOnlyErrorsWithNewReports() throws Exception {
        long quiet = this.data.error("https://news.example/a", "A", "one ", "erorr", " here");
        long again = this.data.error("https://news.example/a", "A", "two ", "mistaek", " there");
        this.data.reports(quiet, 2);
        this.data.reports(again, 1);
        assertThat(this.api.create().body()).containsEntry("errors", 2).containsEntry("reports", 3);
        greenMail.purgeEmailFromAllMailboxes();
        this.data.reports(again, 2);
        long fresh = this.data.error("https://news.example/b", "B", "three ", "speling", " everywhere");
        this.data.report(fresh, null);

        DigestApi.Response second = this.api.create();

        assertThat(second.status()).isEqualTo(HttpStatus.CREATED);
        assertThat(second.body()).containsEntry("errors", 2).containsEntry("reports", 3);
        MimeMessage[] messages = greenMail.getReceivedMessages();
        assertThat(messages).hasSize(1);
        DigestMail mail = DigestMail.of(messages[0]);
        assertThat(mail.html().select(".error mark")).extracting(Element::text).containsExactly("mistaek", "speling");
        assertThat(mail.html().selectFirst("[data-error-id=" + again + "] .counts").text())
                .contains("3 reports", "(2 new since the last digest)");
        assertThat(mail.html().selectFirst("[data-error-id=" + fresh + "] .counts").text()).contains("1 report", "(new)");
        assertThat(mail.text()).doesNotContain("erorr").contains("3 reports (2 new since the last digest)");
        assertThat(this.data.digestedReportCount(quiet)).isEqualTo(2);
        assertThat(this.data.digestedReportCount(again)).isEqualTo(3);
    }

    @Test
    void nothingNewAnswersNoContentAndSendsNothing() throws Exception {
        long error = this.data.error("https://news.example/a", "A", "one ", "erorr", " here");
        this.data.report(error, null);
        assertThat(this.api.create().status()).isEqualTo(HttpStatus.CREATED);
        greenMail.purgeEmailFromAllMailboxes();

        DigestApi.Response response = this.api.create();

        assertThat(response.status()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(greenMail.getReceivedMessages()).isEmpty();
        assertThat(this.data.digestRows()).isEqualTo(1);
    }

    @Test
    void emptyQueueRecordsNoDigest() {
        assertThat(this.api.create().status()).isEqualTo(HttpStatus.NO_CONTENT);
        assertThat(this.data.digestRows()).isZero();
        assertThat(greenMail.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendWhenEmptyMailsAnEmptyDigest() throws Exception {
        DigestProperties p = this.properties;
        DigestProperties sendWhenEmpty = new DigestProperties(p.enabled(), p.cron(), p.zone(), p.recipients(), p.from(),
                p.subject(), true, p.consoleUrl(), p.retryInitialInterval(), p.retryMaxInterval(), p.retryInterval(),
                p.claimTimeout(), p.routes());
        DigestRepository repository = new DigestRepository(new JdbcTemplate(this.dataSource));
        DigestService worker = new DigestService(new DigestBuilder(repository, this.transactionManager,
                new DigestRenderer(sendWhenEmpty, this.links), sendWhenEmpty, this.size), this.sender, repository, DigestPreStep.NONE);

        assertThat(worker.buildAndSend(null)).hasValueSatisfying((digest) -> {
            assertThat(digest.errors()).isZero();
            assertThat(digest.status()).isEqualTo("SENT");
        });
        MimeMessage[] messages = greenMail.getReceivedMessages();
        assertThat(messages).hasSize(1);
        assertThat(DigestMail.of(messages[0]).text()).contains("No new reports since the previous digest.");
    }

    @Test
    void digestCanBeLookedUpById() {
        long error = this.data.error("https://news.example/a", "A", "one ", "erorr", " here");
        this.data.reports(error, 2);
        DigestApi.Response created = this.api.create();

        DigestApi.Response found = this.api.find(Long.toString(created.digestId()));

        assertThat(found.status()).isEqualTo(HttpStatus.OK);
        assertThat(found.body()).containsEntry("digestId", (int) created.digestId()).containsEntry("status", "SENT")
                .containsEntry("errors", 1).containsEntry("reports", 2).containsEntry("attempts", 1)
                .containsKeys("createdAt", "sentAt");
    }

    @Test
    void unknownDigestIsAProblemDetail() {
        DigestApi.Response response = this.api.find("999999");
        assertThat(response.status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.body()).containsEntry("status", 404).containsEntry("detail", "No digest with id 999999");
    }

    @Test
    void digestsNeedTheAdminLogin() {
        DigestApi anonymous = new DigestApi(this.port, ADMIN_USERNAME, "wrong");
        assertThat(anonymous.create().status()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void reportStoredWhileADigestIsBuiltIsInThisDigestOrTheNextNeverLost() throws Exception {
        long error = this.data.error("https://news.example/a", "A", "one ", "erorr", " here");
        this.data.report(error, null);
        CompletableFuture<DigestSummary> digest;
        // the store's transaction holds the error row, as the consumer does while counting a report
        try (Connection store = this.dataSource.getConnection()) {
            store.setAutoCommit(false);
            store.createStatement().executeUpdate("update spelling_error set report_count = report_count + 1 where id = " + error);
            digest = CompletableFuture.supplyAsync(() -> this.service.buildAndSend(null).orElseThrow());
            await().untilAsserted(() -> assertThat(buildWaitsForALock()).isTrue());
            store.commit();
        }

        assertThat(digest.get().reports()).isEqualTo(2);
        assertThat(this.data.digestedReportCount(error)).isEqualTo(2);
        assertThat(this.service.buildAndSend(null)).isEmpty();
    }

    private boolean buildWaitsForALock() {
        return new JdbcTemplate(this.dataSource).queryForObject(
                "select count(*) > 0 from pg_stat_activity where wait_event_type = 'Lock' and query like '%for update%'",
                Boolean.class);
    }

}
