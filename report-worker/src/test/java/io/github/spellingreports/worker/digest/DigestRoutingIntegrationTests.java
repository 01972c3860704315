package io.github.spellingreports.worker.digest;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.github.spellingreports.worker.console.ActionLinks;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.transaction.PlatformTransactionManager;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Routing: errors of a URL prefix or a language go to their desk's recipients in a digest of
 * their own. The shared context has no routes, so this test builds a digest service with some
 * (on the shared database and GreenMail).
 */
class DigestRoutingIntegrationTests extends WorkerIntegrationTestSupport {

    @Autowired
    DataSource dataSource;

    @Autowired
    DigestProperties properties;

    @Autowired
    DigestSizeProperties size;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    ObjectProvider<JavaMailSender> mailSender;

    @Autowired
    ActionLinks links;

    DigestTestData data;

    @BeforeEach
    void cleanUp() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        this.data = new DigestTestData(this.dataSource);
        this.data.clean();
    }

    @AfterEach
    void leaveNoDigests() {
        this.data.clean();
    }

    @Test
    void eachDeskGetsOneDigestWithOnlyItsErrors() throws Exception {
        long sport = this.data.error("https://news.example/sport/match", "Match", "en", "The ", "footbal", " game");
        long kazakh = this.data.error("https://news.example/world/astana", "Astana", "kk", "Бұл ", "қаала", " үлкен");
        long plain = this.data.error("https://news.example/world/paris", "Paris", "en", "The ", "citty", " of light");
        long sportInKazakh = this.data.error("https://news.example/sport/kk", "Sport kk", "kk-KZ", "", "футбл", "");
        this.data.reports(sport, 2);
        this.data.report(kazakh, null);
        this.data.report(plain, null);
        this.data.report(sportInKazakh, null);

        List<DigestSummary> digests = routedService().buildAndSendAll(null);

        assertThat(digests).extracting(DigestSummary::desk).containsExactly("default", "sport", "kazakh");
        assertThat(digests).extracting(DigestSummary::status).containsOnly("SENT");
        Map<String, DigestMail> mails = Arrays.stream(greenMail.getReceivedMessages()).map(DigestMail::of)
                .collect(Collectors.toMap((mail) -> recipients(mail.message()), Function.identity()));
        assertThat(mails).containsOnlyKeys("editors@example.com", "sport@example.com", "kk@example.com");
        assertThat(errorIds(mails.get("editors@example.com"))).containsExactly(plain);
        assertThat(errorIds(mails.get("sport@example.com"))).containsExactlyInAnyOrder(sport, sportInKazakh);
        assertThat(errorIds(mails.get("kk@example.com"))).containsExactly(kazakh);
        assertThat(mails.get("sport@example.com").subject()).startsWith("[sport] ");
        assertThat(mails.get("sport@example.com").html().selectFirst("#desk").text()).isEqualTo("Desk: sport");
        assertThat(mails.get("editors@example.com").html().selectFirst("#desk")).isNull();
        // each says why it came: the default recipients, or the desk's route
        assertThat(mails.get("editors@example.com").html().selectFirst("#footer").text())
                .contains("a recipient of the spelling-reports digest (spelling.digest.recipients)");
        assertThat(mails.get("sport@example.com").html().selectFirst("#footer").text())
                .contains("a recipient of the desk sport's digest (its route in spelling.digest.routes)");
        assertThat(mails.get("sport@example.com").text().replaceAll("\\s+", " ")).contains("recipient of the desk sport's digest");
        assertThat(this.data.digestedReportCount(sport)).isEqualTo(2);
        assertThat(routedService().buildAndSendAll(null)).isEmpty();
    }

    @Test
    void deskWithNothingNewGetsNoDigest() throws Exception {
        long plain = this.data.error("https://news.example/world/paris", "Paris", "en", "The ", "citty", " of light");
        this.data.report(plain, null);

        assertThat(routedService().buildAndSendAll(null)).extracting(DigestSummary::desk).containsExactly("default");
        assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }

    private DigestService routedService() {
        DigestProperties p = this.properties;
        DigestProperties routed = new DigestProperties(p.enabled(), p.cron(), p.zone(), p.recipients(), p.from(),
                p.subject(), false, p.consoleUrl(), p.retryInitialInterval(), p.retryMaxInterval(), p.retryInterval(),
                p.claimTimeout(), List.of(
                        new DigestProperties.Route("sport", "https://news.example/sport/", null, List.of("sport@example.com")),
                        new DigestProperties.Route("kazakh", null, "kk", List.of("kk@example.com"))));
        DigestRepository repository = new DigestRepository(new JdbcTemplate(this.dataSource));
        return new DigestService(new DigestBuilder(repository, this.transactionManager,
                new DigestRenderer(routed, this.links), routed, this.size), new DigestSender(repository, this.mailSender, routed, new SimpleMeterRegistry()),
                repository, DigestPreStep.NONE);
    }

    private static List<Long> errorIds(DigestMail mail) {
        return mail.html().select(".error").stream().map((Element error) -> Long.parseLong(error.attr("data-error-id")))
                .toList();
    }

    private static String recipients(MimeMessage message) {
        try {
            return Arrays.stream(message.getRecipients(Message.RecipientType.TO)).map(Object::toString)
                    .collect(Collectors.joining(","));
        }
        catch (Exception ex) {
            throw new AssertionError(ex);
        }
    }

}
