package io.github.spellingreports.worker.alerts;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import io.github.spellingreports.testsupport.AxeAudit;
import io.github.spellingreports.testsupport.HeadlessChromium;
import io.github.spellingreports.worker.queue.ErrorStatus;
import io.github.spellingreports.worker.queue.Moderation;
import jakarta.mail.internet.MimeMessage;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hot-typo alerts end to end: records through the in-process broker, mail to GreenMail, webhook on
 * {@link LocalWeb}.
 */
class HotTypoAlertIntegrationTests extends HotAndPageCheckTestSupport {

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    DataSource dataSource;

    @Autowired
    Moderation moderation;

    @Autowired
    HotAlerts alerts;

    @Autowired
    AlertDelivery delivery;

    KafkaProducer<String, byte[]> producer;

    final JacksonJsonSerializer<SpellingErrorReported> json = new JacksonJsonSerializer<>();

    JdbcClient jdbc;

    @BeforeEach
    void producer() {
        this.json.setAddTypeInfo(false);
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
        this.jdbc = JdbcClient.create(this.dataSource);
        LocalWeb.hookFails.set(false);
    }

    @AfterEach
    void close() {
        LocalWeb.hookFails.set(false);
        this.producer.close();
    }

    @Test
    void alertIsMailedOnceAtTheThresholdAndNotBeforeNorOnMoreReportsOrRedelivery() throws Exception {
        String page = uniquePage();
        List<SpellingErrorReported> first = reports(page, "Kazakstan", 4);
        first.forEach(this::send);
        long errorId = awaitReportCount(page, 4);
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(alertMails(errorId)).isEmpty());

        SpellingErrorReported fifth = reports(page, "Kazakstan", 1).get(0);
        send(fifth);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(alertMails(errorId)).hasSize(1));
        MimeMessage mail = alertMails(errorId).get(0);
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("editors@example.com");
        assertThat(mail.getSubject()).contains("Hot typo").contains("Kazakstan").contains("5 reports");
        String text = AlertMail.text(mail);
        assertThat(text).contains(">>Kazakstan<<").contains("/console/links/" + errorId + "/fixed?expires=")
                .contains("/console/links/" + errorId + "/dismiss?expires=");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(hooksFor(page))
                .anySatisfy((hook) -> assertThat(hook.status()).isEqualTo(200)));
        assertThat(hooksFor(page).get(0).body()).startsWith("{\"text\":").contains("Kazakstan");
        assertThat(hooksFor(page).get(0).contentType()).startsWith("application/json");

        reports(page, "Kazakstan", 3).forEach(this::send);
        send(fifth);
        awaitReportCount(page, 8);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).untilAsserted(() -> {
            assertThat(alertMails(errorId)).hasSize(1);
            assertThat(hooksFor(page)).hasSize(1);
        });
        assertThat(this.jdbc.sql("select count(*) from hot_alert where error_id = ?").param(errorId).query(Integer.class)
                .single()).isOne();
    }

    @Test
    void errorsThatBecomeHotTogetherAreEachMailedOnce() throws Exception {
        List<String> pages = List.of(uniquePage(), uniquePage(), uniquePage());
        // sent without waiting, so that the three errors' reports share polls
        List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            for (String page : pages) {
                SpellingErrorReported report = reports(page, "Kazakstan", 1).get(0);
                sent.add(this.producer.send(new ProducerRecord<>(Topics.REPORTS, report.dedupKey(),
                        this.json.serialize(Topics.REPORTS, report))));
            }
        }
        for (java.util.concurrent.Future<?> record : sent) {
            record.get(30, TimeUnit.SECONDS);
        }
        List<Long> errorIds = pages.stream().map((page) -> awaitReportCount(page, 5)).toList();

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(errorIds)
                .allSatisfy((errorId) -> assertThat(alertMails(errorId)).hasSize(1)));
        // those found hot by the same check share a mail (one desk here): one to three mails
        List<String> messageIds = errorIds.stream().map((errorId) -> {
            try {
                return alertMails(errorId).get(0).getMessageID();
            }
            catch (Exception ex) {
                throw new IllegalStateException(ex);
            }
        }).distinct().toList();
        assertThat(messageIds).hasSizeBetween(1, 3).allSatisfy((id) -> assertThat(id).startsWith("<alert"));
        // marked sent once the SMTP server has taken the mail, a moment after GreenMail shows it
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.jdbc
                .sql("select mail_status from hot_alert where error_id = any(?)").param(errorIds.toArray(Long[]::new))
                .query(String.class).list()).containsExactly("SENT", "SENT", "SENT"));
    }

    @Test
    void errorsFoundHotByOneCheckShareOneMailListingEachWithItsLinks() throws Exception {
        // two hours ago and stored without events: only this test's check finds them hot
        Instant t = Instant.now().minus(Duration.ofHours(2));
        List<Long> errorIds = List.of(error(this.jdbc, t, 0, 10, 20, 30, 40), error(this.jdbc, t, 0, 10, 20, 30, 40),
                error(this.jdbc, t, 0, 10, 20, 30, 40));

        List<Long> alertIds = this.alerts.check(errorIds.stream().map((id) -> new HotAlertRepository.Candidate(id, t)).toList());
        this.delivery.deliver(alertIds);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(errorIds)
                .allSatisfy((errorId) -> assertThat(alertMails(errorId)).hasSize(1)));
        MimeMessage mail = alertMails(errorIds.get(0)).get(0);
        // all three alerts commit together, so whoever claims them (this delivery or the alert poll) takes all three
        assertThat(errorIds).allSatisfy((errorId) -> assertThat(alertMails(errorId).get(0).getMessageID())
                .isEqualTo(mail.getMessageID()));
        assertThat(mail.getHeader("X-Spelling-Alert-Id", ",")).isEqualTo(alertIds.stream().map(Object::toString)
                .collect(java.util.stream.Collectors.joining(", ")));
        assertThat(mail.getSubject()).startsWith("3 hot typos: \"Kazakstan\" on Claim test (5 reports in 30 min)")
                .endsWith(" and 2 more");
        String text = AlertMail.text(mail);
        String html = AlertMail.html(mail);
        for (long errorId : errorIds) {
            assertThat(text).containsOnlyOnce("/console/links/" + errorId + "/fixed?expires=")
                    .containsOnlyOnce("/console/links/" + errorId + "/dismiss?expires=");
            assertThat(html).containsOnlyOnce("data-error-id=\"" + errorId + "\"");
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.jdbc
                .sql("select mail_status from hot_alert where id = any(?)").param(alertIds.toArray(Long[]::new))
                .query(String.class).list()).containsExactly("SENT", "SENT", "SENT"));
        // and the webhook one message for the three
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.jdbc
                .sql("select webhook_status from hot_alert where id = any(?)").param(alertIds.toArray(Long[]::new))
                .query(String.class).list()).containsExactly("SENT", "SENT", "SENT"));
        List<String> pages = this.jdbc.sql("select page_url from spelling_error where id = any(?)")
                .param(errorIds.toArray(Long[]::new)).query(String.class).list();
        List<LocalWeb.Hook> hooks = LocalWeb.hooks.stream().filter((hook) -> pages.stream().anyMatch(hook.body()::contains))
                .toList();
        assertThat(hooks).hasSize(1);
        assertThat(hooks.get(0).body()).startsWith("{\"text\":\"3 hot typos at once:").contains(pages.get(0), pages.get(1),
                pages.get(2));
    }

    @Test
    void reopenedErrorIsAlertedAgainWhenItIsHotAgain() throws Exception {
        String page = uniquePage();
        reports(page, "recieve", 5).forEach(this::send);
        long errorId = awaitReportCount(page, 5);
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(alertMails(errorId)).hasSize(1));

        this.moderation.change(errorId, ErrorStatus.FIXED, "editor", Moderation.Via.API, null);
        reports(page, "recieve", 4).forEach(this::send);
        awaitReportCount(page, 9);
        assertThat(this.jdbc.sql("select status from spelling_error where id = ?").param(errorId).query(String.class)
                .single()).isEqualTo("NEW");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(alertMails(errorId)).hasSize(1));

        reports(page, "recieve", 1).forEach(this::send);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(alertMails(errorId)).hasSize(2));
    }

    @Test
    void reportsOutsideTheWindowDoNotMakeAnErrorHot() throws Exception {
        String page = uniquePage();
        Instant longAgo = Instant.now().minus(Duration.ofHours(2));
        for (int i = 0; i < 4; i++) {
            send(report(page, "teh", longAgo.plusSeconds(i)));
        }
        send(report(page, "teh", Instant.now()));
        long errorId = awaitReportCount(page, 5);

        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3))
                .untilAsserted(() -> assertThat(alertMails(errorId)).isEmpty());
    }

    @Test
    void failingWebhookIsRetriedWithoutBlockingConsumptionOrMail() throws Exception {
        LocalWeb.hookFails.set(true);
        String page = uniquePage();
        reports(page, "acommodate", 5).forEach(this::send);
        long errorId = awaitReportCount(page, 5);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(alertMails(errorId)).hasSize(1);
            assertThat(hooksFor(page)).hasSizeGreaterThanOrEqualTo(3).allSatisfy((hook) -> assertThat(hook.status()).isEqualTo(500));
        });
        String later = uniquePage();
        send(reports(later, "seperate", 1).get(0));
        awaitReportCount(later, 1);

        LocalWeb.hookFails.set(false);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.jdbc
                .sql("select webhook_status from hot_alert where error_id = ?").param(errorId).query(String.class).single())
                .isEqualTo("SENT"));
        assertThat(hooksFor(page).stream().filter((hook) -> hook.status() == 200)).hasSize(1);
        assertThat(alertMails(errorId)).hasSize(1);
    }

    /**
     * The page title's right-to-left override showed the rest of the subject backwards ("... stroper 5)"),
     * and a selection cut at 60 characters inside an emoji showed "?".
     */
    @Test
    void subjectKeepsReadersOverridesToTheirTextAndCutsNoCharacterInHalf() throws Exception {
        String page = uniquePage();
        String selection = "a".repeat(58) + "\u202E\uD83D\uDE00 tail";
        java.util.stream.IntStream.range(0, 5)
                .forEach((i) -> send(report(page, "Breaking \u202Enews", selection, Instant.now())));
        long errorId = awaitReportCount(page, 5);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(alertMails(errorId)).hasSize(1));
        MimeMessage mail = alertMails(errorId).get(0);
        assertThat(mail.getSubject()).isEqualTo("Hot typo: \"" + "a".repeat(58) + "\u202E\uD83D\uDE00\u2026\u202C\" on Breaking "
                + "\u202Enews\u202C (5 reports in 30 min)");
        assertThat(AlertMail.text(mail)).contains("== Breaking \u202Enews\u202C ==",
                ">>" + selection + "\u202C<< reports heavy snow.");
    }

    /** A page without a title is named by its address, as its editors read it: пример.рф, not xn--e1afmkfd.xn--p1ai. */
    @Test
    void anUntitledPageOfASiteInCyrillicIsNamedByItsAddressAsRead() throws Exception {
        String section = UUID.randomUUID().toString();
        String page = "https://xn--e1afmkfd.xn--p1ai/" + section + "/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8";
        java.util.stream.IntStream.range(0, 5).forEach((i) -> send(report(page, null, "Kazakstan", Instant.now())));
        long errorId = awaitReportCount(page, 5);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(alertMails(errorId)).hasSize(1));
        MimeMessage mail = alertMails(errorId).get(0);
        String read = "https://пример.рф/" + section + "/новости";
        assertThat(mail.getSubject()).endsWith("\" on " + read + " (5 reports in 30 min)");
        assertThat(AlertMail.text(mail)).contains("== " + read + " ==\r\n" + read + "\r\n", "Open at the text: " + page + "#:~:text=");
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(AlertMail.html(mail));
        assertThat(html.select("a.page-link").text()).isEqualTo(read);
        assertThat(html.select("a.page-link").attr("href")).isEqualTo(page);
    }

    /** Slack took a reader's "<!channel>" in the message for a mention of everyone in the channel. */
    @Test
    void webhookMessageCarriesReadersTextEscapedAsSlackAsks() throws Exception {
        String page = uniquePage();
        reports(page, "<!channel> & <https://evil.example|Kazakstan>", 5).forEach(this::send);
        awaitReportCount(page, 5);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(hooksFor(page)).hasSize(1));
        assertThat(hooksFor(page).get(0).body()).contains("&lt;!channel&gt; &amp; &lt;https://evil.example|Kazakstan&gt;")
                .doesNotContain("<!channel>", "<https://evil");
    }

    /**
     * Slack and Mattermost read a message's text as markup: a page title's bare address became a link,
     * {@code *b*} bold, Mattermost's {@code [x](https://e)} a link that shows other text than where it
     * leads and {@code @channel} notified everyone. A reader's text now stands in code spans, shown as it is.
     */
    @Test
    void readersTextInTheWebhookMessageIsNoMarkup() throws Exception {
        String page = uniquePage();
        String title = "see https://evil.example @channel [x](https://e) *b*";
        java.util.stream.IntStream.range(0, 5).mapToObj((i) -> report(page, title, "_Kaza`kstan_", Instant.now()))
                .forEach(this::send);
        awaitReportCount(page, 5);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(hooksFor(page)).hasSize(1));
        String text = tools.jackson.databind.json.JsonMapper.builder().build().readTree(hooksFor(page).get(0).body())
                .get("text").asString();
        String outsideCodeSpans = text.replaceAll("`[^`]*`", "");
        assertThat(outsideCodeSpans).doesNotContain("evil", "@channel", "[x]", "https://e)", "*b*", "Kaza", "kstan_");
        assertThat(text).contains("@\u200Bchannel").contains("_Kazaˋkstan_");
    }

    /**
     * What an editor needs to fix a hot typo at once: the page opened at the text, and what readers
     * wrote (often the right spelling).
     */
    @Test
    void alertLinksToThePageAtTheTextAndQuotesReadersComments() throws Exception {
        String page = uniquePage();
        List<String> comments = java.util.Arrays.asList("Kazakhstan, with an h", null, "Kazakhstan, with an h",
                "It is <b>Kazakhstan</b>", null);
        for (String comment : comments) {
            SpellingErrorReported plain = report(page, "Kazakstan", Instant.now());
            send(new SpellingErrorReported(plain.schemaVersion(), plain.reportId(), plain.dedupKey(), plain.pageUrl(),
                    plain.pageTitle(), plain.lang(), plain.selection(), plain.contextBefore(), plain.contextAfter(),
                    comment, plain.receivedAt(), plain.clientHash()));
        }
        long errorId = awaitReportCount(page, 5);

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(alertMails(errorId)).hasSize(1));
        MimeMessage mail = alertMails(errorId).get(0);
        String atTheText = io.github.spellingreports.worker.digest.TextFragmentLink.of(page, "Our correspondent in ",
                "Kazakstan", " reports heavy snow.");
        assertThat(atTheText).startsWith(page + "#:~:text=");
        org.jsoup.nodes.Document html = org.jsoup.Jsoup.parse(AlertMail.html(mail));
        assertThat(html.select("a.text-link").attr("href")).isEqualTo(atTheText);
        assertThat(html.select(".comments .comment")).extracting(org.jsoup.nodes.Element::text)
                .containsExactly("Kazakhstan, with an h", "It is <b>Kazakhstan</b>");
        // reports, as the subject and the webhook say: one reader may have sent several
        assertThat(html.select("#totals").text()).isEqualTo("5 reports in 30 min");
        assertThat(AlertMail.text(mail)).startsWith("HOT TYPO: 5 reports in 30 min\r\n");
        assertThat(AlertMail.text(mail)).contains("Open at the text: " + atTheText,
                "    - Kazakhstan, with an h\r\n    - It is <b>Kazakhstan</b>\r\n");
        // until when its one-click links work, as the digest says it (they expire: spelling.worker.link-validity)
        assertThat(html.select("#footer").text()).containsPattern(
                "each works once, until \\d{1,2} \\w+ 20\\d\\d, \\d\\d:\\d\\d \\(UTC\\), so do not forward this mail");
        assertThat(AlertMail.text(mail).replaceAll("\\s+", " ")).containsPattern(
                "each works once, until \\d{1,2} \\w+ 20\\d\\d, \\d\\d:\\d\\d \\(UTC\\), so do not forward this mail");
        // as the editor on duty reads it, with a screen reader too (WCAG 2.x A and AA, best practices)
        try (HeadlessChromium chromium = HeadlessChromium.window(1280, 1000)) {
            assertThat(AxeAudit.violationsOfMail(chromium.driver(), AlertMail.html(mail))).as("axe-core's findings").isEmpty();
        }
    }

    private void send(SpellingErrorReported report) {
        try {
            this.producer.send(new ProducerRecord<>(Topics.REPORTS, report.dedupKey(),
                    this.json.serialize(Topics.REPORTS, report))).get(30, TimeUnit.SECONDS);
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

    private long awaitReportCount(String page, int count) {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.jdbc
                .sql("select report_count from spelling_error where page_url = ?").param(page).query(Integer.class).list())
                .containsExactly(count));
        return this.jdbc.sql("select id from spelling_error where page_url = ?").param(page).query(Long.class).single();
    }

    private static List<LocalWeb.Hook> hooksFor(String page) {
        return LocalWeb.hooks.stream().filter((hook) -> hook.body().contains(page)).toList();
    }

    private static String uniquePage() {
        return "https://hot.example.com/" + UUID.randomUUID();
    }

    private static List<SpellingErrorReported> reports(String page, String selection, int count) {
        return java.util.stream.IntStream.range(0, count).mapToObj((i) -> report(page, selection, Instant.now())).toList();
    }

    private static SpellingErrorReported report(String page, String selection, Instant receivedAt) {
        return report(page, "Breaking news", selection, receivedAt);
    }

    private static SpellingErrorReported report(String page, String title, String selection, Instant receivedAt) {
        String before = "Our correspondent in ";
        String after = " reports heavy snow.";
        return new SpellingErrorReported(SpellingErrorReported.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                DedupKey.of(page, before, selection, after), page, title, "en", selection, before, after, null,
                receivedAt, "c1ienth4sh");
    }

}
