package io.github.spellingreports.worker.digest;

import java.util.List;

import io.github.spellingreports.worker.console.ActionLinks;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size bound: the most reported errors in full, the rest summarised per page, and the "only new"
 * accounting for both. Digest services with small bounds on the shared context's database and GreenMail.
 */
class DigestSizeIntegrationTests extends DigestApiTestSupport {

    @Autowired
    DigestProperties properties;

    @Autowired
    DigestSizeProperties size;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    ActionLinks links;

    @Autowired
    DigestSender sender;

    @Test
    void mostReportedErrorsAreListedInFullTheRestSummarisedPerPageWithQueueLinks() {
        long hot = this.data.error("https://news.example/a", "A", "one ", "hoot", " here");
        long second = this.data.error("https://news.example/b", "B", "two ", "secnd", " here");
        long third = this.data.error("https://news.example/a", "A", "three ", "thrid", " here");
        long tail1 = this.data.error("https://news.example/c?x=1&y=2", "C & co", "four ", "tale", " here");
        long tail2 = this.data.error("https://news.example/d", null, "five ", "tial", " here");
        long tail3 = this.data.error("https://news.example/a", "A", "six ", "tael", " here");
        this.data.reports(hot, 9);
        this.data.reports(second, 6);
        this.data.reports(third, 5);
        this.data.reports(tail1, 3);
        this.data.reports(tail2, 2);
        this.data.reports(tail3, 1);

        List<DigestSummary> digests = service(new DigestSizeProperties(3, 1, 5)).buildAndSendAll(null);

        assertThat(digests).singleElement().satisfies((digest) -> {
            assertThat(digest.errors()).isEqualTo(6);
            assertThat(digest.reports()).isEqualTo(26);
        });
        DigestMail mail = onlyMail();
        assertThat(mail.html().select(".error")).extracting((error) -> Long.parseLong(error.attr("data-error-id")))
                .containsExactly(hot, third, second);
        assertThat(mail.html().select(".action-fixed")).hasSize(3);
        assertThat(mail.html().select("#totals").text()).contains("6 errors on 4 pages, 26 new reports",
                "The 3 most reported are listed in full");
        Element rest = mail.html().selectFirst("#rest");
        assertThat(rest.selectFirst("h2").text()).isEqualTo("And 3 more errors on 3 pages (6 new reports)");
        assertThat(rest.select(".rest-page")).singleElement().satisfies((page) -> {
            assertThat(page.text()).isEqualTo("C & co: 1 error, 3 new reports");
            assertThat(page.selectFirst("a").attr("href"))
                    .isEqualTo("http://localhost:8081/console/queue?exactPage=true&pageUrl=https://news.example/c?x%3D1%26y%3D2");
        });
        assertThat(rest.text()).contains("and 2 more pages");
        assertThat(rest.selectFirst("a.queue-link").attr("href")).isEqualTo("http://localhost:8081/console/queue");
        assertThat(mail.text()).contains("The 3 most reported are listed in full",
                "== And 3 more errors on 3 pages (6 new reports) ==", "  * C & co: 1 error, 3 new reports",
                "  and 2 more pages", "console's queue (every open error, most reported first): http://localhost:8081/console/queue")
                .doesNotContain("tale", "tial", "tael");
    }

    @Test
    void summarisedErrorsCountAsDigestedAndReturnInFullWhenReportedAgain() throws Exception {
        long hot = this.data.error("https://news.example/a", "A", "one ", "hoot", " here");
        long tail = this.data.error("https://news.example/b", "B", "two ", "tale", " here");
        this.data.reports(hot, 3);
        this.data.reports(tail, 2);
        DigestService service = service(new DigestSizeProperties(1, 20, 5));

        long first = service.buildAndSendAll(null).get(0).digestId();

        assertThat(this.data.digestedReportCount(tail)).isEqualTo(2);
        assertThat(JdbcClient.create(this.dataSource).sql("select error_id, new_reports from digest_item where digest_id = ?")
                .param(first).query((rs, row) -> List.of(rs.getLong(1), rs.getLong(2))).list())
                .containsExactlyInAnyOrder(List.of(hot, 3L), List.of(tail, 2L));
        assertThat(service.buildAndSendAll(null)).isEmpty();
        greenMail.purgeEmailFromAllMailboxes();
        this.data.report(tail, null);

        assertThat(service.buildAndSendAll(null)).singleElement().satisfies((digest) -> {
            assertThat(digest.errors()).isOne();
            assertThat(digest.reports()).isOne();
        });
        DigestMail mail = onlyMail();
        assertThat(mail.html().selectFirst("[data-error-id=" + tail + "] .counts").text())
                .contains("3 reports", "(1 new since the last digest)");
        assertThat(mail.html().selectFirst("#rest")).isNull();
    }

    @Test
    void mailSizeDoesNotGrowWithTheErrorsBeyondTheBound() throws Exception {
        DigestSizeProperties bound = new DigestSizeProperties(20, 5, 5);
        errors(40);
        DigestMail few = DigestMail.of(sentBy(service(bound)));
        this.data.clean();
        greenMail.purgeEmailFromAllMailboxes();
        errors(2000);

        DigestMail many = DigestMail.of(sentBy(service(bound)));

        assertThat(many.html().select(".error")).hasSize(20);
        assertThat(many.html().select(".rest-page")).hasSize(5);
        assertThat(many.html().selectFirst("#rest h2").text()).startsWith("And 1,980 more errors on 1,980 pages");
        assertThat(many.html().outerHtml().length()).isLessThan(few.html().outerHtml().length() * 105 / 100);
        assertThat(many.text().length()).isLessThan(few.text().length() * 105 / 100);
    }

    @Test
    void eachErrorShowsItsMostRecentCommentsAndLinksToTheRest() {
        long error = this.data.error("https://news.example/a", "A", "one ", "erorr", " here");
        this.data.report(error, "first");
        this.data.report(error, "second");
        this.data.report(error, "third");
        this.data.report(error, "third");
        long quiet = this.data.error("https://news.example/b", "B", "two ", "mistaek", " there");
        this.data.report(quiet, "only one");
        long lines = this.data.error("https://news.example/c", "C", "three ", "wrods", " there");
        this.data.report(lines, "one line\n\ttwo ");
        this.data.report(lines, "one line two");
        // a viral one: counts as editors read them
        this.data.countAs(lines, 12345);

        service(new DigestSizeProperties(10, 20, 2)).buildAndSendAll(null);

        DigestMail mail = onlyMail();
        Element entry = mail.html().selectFirst("[data-error-id=" + error + "]");
        assertThat(entry.select(".comment")).extracting(Element::text).containsExactly("second", "third");
        assertThat(entry.selectFirst(".more-comments a").attr("href")).isEqualTo(this.links.errorPage(error));
        Element other = mail.html().selectFirst("[data-error-id=" + quiet + "]");
        assertThat(other.select(".comment")).extracting(Element::text).containsExactly("only one");
        assertThat(other.selectFirst(".more-comments")).isNull();
        // comments that differ in white space only are one, on one line of the mail
        assertThat(mail.html().select("[data-error-id=" + lines + "] .comment")).extracting(Element::text)
                .containsExactly("one line two");
        assertThat(mail.text()).contains("    - one line two", "12,345 reports (new)");
        assertThat(mail.html().selectFirst("[data-error-id=" + lines + "] .counts").text()).startsWith("12,345 reports");
        assertThat(mail.text()).containsSubsequence("    - second", "    - third", "    All comments: " + this.links.errorPage(error))
                .doesNotContain("first");
    }

    @Test
    void preStepIsGivenOnlyTheErrorsListedInFull() {
        long hot = this.data.error("https://news.example/a", "A", "one ", "hoot", " here");
        long warm = this.data.error("https://news.example/b", "B", "two ", "worm", " here");
        long tail = this.data.error("https://news.example/c", "C", "three ", "tale", " here");
        this.data.reports(hot, 3);
        this.data.reports(warm, 2);
        this.data.report(tail, null);
        List<List<Long>> given = new java.util.ArrayList<>();

        service(new DigestSizeProperties(2, 20, 5), (ids) -> {
            given.add(ids);
            return java.util.Map.of();
        }).buildAndSendAll(null);

        assertThat(given).containsExactly(List.of(hot, warm));
    }

    private void errors(int count) {
        JdbcClient.create(this.dataSource).sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before, context_after,
                        report_count, first_reported_at, last_reported_at)
                select md5('size' || g), 'https://news.example/article/' || g, 'Article ' || g, 'en', 'mispeled' || g,
                       'The quick brown fox jumps over the ', ' dog, as the saying goes.', 1 + :count - g, now(), now()
                from generate_series(1, :count) g""").param("count", count).update();
    }

    private MimeMessage sentBy(DigestService service) {
        assertThat(service.buildAndSendAll(null)).hasSize(1);
        MimeMessage[] messages = greenMail.getReceivedMessages();
        assertThat(messages).hasSize(1);
        return messages[0];
    }

    private DigestService service(DigestSizeProperties bound) {
        return service(bound, DigestPreStep.NONE);
    }

    private DigestService service(DigestSizeProperties bound, DigestPreStep preStep) {
        DigestRepository repository = new DigestRepository(new JdbcTemplate(this.dataSource));
        return new DigestService(new DigestBuilder(repository, this.transactionManager,
                new DigestRenderer(this.properties, this.links), this.properties, bound), this.sender, repository, preStep);
    }

    private static DigestMail onlyMail() {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        assertThat(messages).hasSize(1);
        return DigestMail.of(messages[0]);
    }

}
