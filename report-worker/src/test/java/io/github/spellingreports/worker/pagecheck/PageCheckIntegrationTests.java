package io.github.spellingreports.worker.pagecheck;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import io.github.spellingreports.worker.alerts.HotAndPageCheckTestSupport;
import io.github.spellingreports.worker.alerts.LocalWeb;
import io.github.spellingreports.worker.digest.DigestProperties;
import io.github.spellingreports.worker.digest.DigestService;
import io.github.spellingreports.worker.digest.DigestSummary;
import io.github.spellingreports.worker.queue.Moderation;
import io.github.spellingreports.worker.queue.StatusChange;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The page check before a digest against pages served by {@link LocalWeb}: before and after a
 * correction, missing, too slow, and on a closed port.
 */
class PageCheckIntegrationTests extends HotAndPageCheckTestSupport {

    private static final String BEFORE = "The minister flew to ";

    private static final String AFTER = " on Monday for talks.";

    @Autowired
    DataSource dataSource;

    @Autowired
    DigestService digests;

    @Autowired
    Moderation moderation;

    @Autowired
    PageCheck pageCheck;

    @Autowired
    DigestProperties digestProperties;

    @Test
    void correctedErrorIsFixedAndCountedUncorrectedAndUnreachableOnesStayInTheDigest() throws Exception {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        jdbc.sql("update spelling_error set digested_report_count = report_count").update();
        String run = UUID.randomUUID().toString();
        long corrected = error(jdbc, LocalWeb.page(run + "-fixed", 200, html("Kazakhstan")), "Kazakstan");
        long unchanged = error(jdbc, LocalWeb.page(run + "-same", 200, html("Kazakstan")), "Kazakstan");
        long missing = error(jdbc, LocalWeb.page(run + "-gone", 404, "gone"), "Kazakstan");
        String slowPage = LocalWeb.heldPage(run + "-slow", 200, html("Kazakhstan"));
        long slow = error(jdbc, slowPage, "Kazakstan");
        long refused = error(jdbc, "http://127.0.0.1:" + CLOSED_PORT + "/article", "Kazakstan");
        // a page of another origin (another port), reachable, where the typo is corrected: never fetched
        AtomicInteger elsewhereRequests = new AtomicInteger();
        HttpServer otherOrigin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        otherOrigin.createContext("/", (exchange) -> {
            elsewhereRequests.incrementAndGet();
            byte[] page = html("Kazakhstan").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, page.length);
            exchange.getResponseBody().write(page);
            exchange.close();
        });
        otherOrigin.start();
        long elsewhere = error(jdbc, "http://127.0.0.1:" + otherOrigin.getAddress().getPort() + "/article", "Kazakstan");
        greenMail.purgeEmailFromAllMailboxes();

        List<DigestSummary> built;
        try {
            built = this.digests.buildAndSendAll(null);
        }
        finally {
            otherOrigin.stop(0);
        }
        LocalWeb.release(slowPage);
        assertThat(elsewhereRequests).as("a page of an origin not allowed is never fetched").hasValue(0);

        assertThat(built).hasSize(1);
        assertThat(status(jdbc, corrected)).isEqualTo("FIXED");
        assertThat(List.of(unchanged, missing, slow, refused, elsewhere)).allSatisfy((id) -> assertThat(status(jdbc, id)).isEqualTo("NEW"));
        StatusChange change = this.moderation.history(corrected).get(0);
        assertThat(change.note()).isEqualTo("corrected on the page");
        assertThat(change.changedBy()).isEqualTo("system");
        List<Long> listed = jdbc.sql("select error_id from digest_item where digest_id = ?").param(built.get(0).digestId())
                .query(Long.class).list();
        assertThat(listed).containsExactlyInAnyOrder(unchanged, missing, slow, refused, elsewhere);
        MimeMessage mail = Arrays.stream(greenMail.getReceivedMessages())
                .filter((message) -> header(message, "X-Spelling-Digest-Id").equals(Long.toString(built.get(0).digestId())))
                .findFirst().orElseThrow();
        assertThat(text(mail)).contains("1 error was already corrected on its page");
        assertThat(LocalWeb.pageAgents).contains("spelling-reports/0.1 (+page check)");
    }

    @Test
    void onlyTheErrorsTheDigestListsInFullAreChecked() {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        jdbc.sql("update spelling_error set digested_report_count = report_count").update();
        String run = UUID.randomUUID().toString();
        long listed = error(jdbc, LocalWeb.page(run + "-listed", 200, html("Kazakhstan")), "Kazakstan");
        long summarised = error(jdbc, LocalWeb.page(run + "-summarised", 200, html("Kazakhstan")), "Kazakstan");

        assertThat(this.pageCheck.run(List.of(listed))).containsEntry("default", 1);

        assertThat(status(jdbc, listed)).isEqualTo("FIXED");
        assertThat(status(jdbc, summarised)).isEqualTo("NEW");
    }

    @Test
    void pageNotCheckedWithinTheBudgetChangesNothing() {
        JdbcClient jdbc = JdbcClient.create(this.dataSource);
        jdbc.sql("update spelling_error set digested_report_count = report_count").update();
        String run = UUID.randomUUID().toString();
        long fast = error(jdbc, LocalWeb.page(run + "-fast", 200, html("Kazakhstan")), "Kazakstan");
        String slowPage = LocalWeb.heldPage(run + "-slow", 200, html("Kazakhstan"));
        long slow = error(jdbc, slowPage, "Kazakstan");
        check(jdbc, Duration.ofSeconds(1)).run(List.of(fast, slow));

        assertThat(status(jdbc, fast)).isEqualTo("FIXED");
        assertThat(status(jdbc, slow)).isEqualTo("NEW");
        // the same page, once it answers, is found corrected: the budget is what kept it NEW
        LocalWeb.release(slowPage);
        assertThat(check(jdbc, Duration.ofSeconds(30)).run(List.of(slow))).containsEntry("default", 1);
        assertThat(status(jdbc, slow)).isEqualTo("FIXED");
    }

    /** @return a page check that fetches two pages at a time, waits 10 s for a page, and has this budget in all */
    private PageCheck check(JdbcClient jdbc, Duration budget) {
        PageCheckProperties properties = new PageCheckProperties(true, List.of(LocalWeb.origin()), Duration.ofSeconds(10), 2,
                budget, DataSize.ofMegabytes(1));
        return new PageCheck(jdbc, new PageFetcher(properties), this.moderation, properties, this.digestProperties);
    }

    private static String html(String word) {
        return "<html><head><title>News</title></head><body><nav>Home</nav><article><p>The minister   flew to <b>" + word
                + "</b>\n on Monday for talks.</p></article></body></html>";
    }

    private static long error(JdbcClient jdbc, String page, String selection) {
        long id = jdbc.sql("""
                insert into spelling_error (dedup_key, page_url, page_title, lang, selection, context_before, context_after,
                        report_count, first_reported_at, last_reported_at)
                values (:key, :page, 'News', 'en', :selection, :before, :after, 1, :now, :now) returning id
                """).param("key", UUID.randomUUID().toString().replace("-", "")).param("page", page)
                .param("selection", selection).param("before", BEFORE).param("after", AFTER)
                .param("now", OffsetDateTime.now()).query(Long.class).single();
        jdbc.sql("insert into report (report_id, error_id, received_at) values (?, ?, now())").params(UUID.randomUUID(), id)
                .update();
        return id;
    }

    private static String status(JdbcClient jdbc, long id) {
        return jdbc.sql("select status from spelling_error where id = ?").param(id).query(String.class).single();
    }

    private static String header(MimeMessage message, String name) {
        try {
            String value = message.getHeader(name, ",");
            return (value != null) ? value : "";
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static String text(MimeMessage message) throws Exception {
        Multipart multipart = (Multipart) message.getContent();
        for (int i = 0; i < multipart.getCount(); i++) {
            BodyPart part = multipart.getBodyPart(i);
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
        }
        throw new AssertionError("no text part");
    }

}
