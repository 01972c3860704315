package io.github.spellingreports.worker.digest;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.mail.internet.MimeMessage;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import static org.assertj.core.api.Assertions.assertThat;

class DigestMailIntegrationTests extends DigestApiTestSupport {

    @Test
    void digestIsMultipartGroupedByPageMostReportedFirst() {
        long politics = this.data.error("https://News.example/politics/?utm_source=x", "Election night",
                "The votes were ", "countd", " by hand in every district");
        long weather = this.data.error("https://news.example/weather", "Storm warning", "A ", "huricane", " is coming");
        long politics2 = this.data.error("https://news.example/politics", "Election night", "the ", "goverment", " said");
        long untitled = this.data.error("https://news.example/untitled", null, "", "Teh", " end");
        this.data.reports(politics, 2);
        this.data.reports(weather, 4);
        this.data.reports(politics2, 3);
        this.data.reports(untitled, 1);

        DigestApi.Response response = this.api.create();

        assertThat(response.status()).isEqualTo(HttpStatus.CREATED);
        assertThat(response.location()).endsWith("/api/v1/digests/" + response.digestId());
        assertThat(response.body()).containsEntry("status", "SENT").containsEntry("errors", 4).containsEntry("reports", 10)
                .containsEntry("recipients", List.of("editors@example.com"));
        DigestMail mail = onlyMail();
        assertThat(mail.subject()).startsWith("Spelling reports, ").endsWith(": 4 errors, 10 new reports");
        assertThat(mail.header("Message-ID")).startsWith("<digest-" + response.digestId() + "@");
        assertThat(mail.html().select(".page .page-link")).extracting(Element::text)
                .containsExactly("Storm warning", "Election night", "https://news.example/untitled");
        assertThat(mail.html().select(".page").get(1).select(".error mark")).extracting(Element::text)
                .containsExactly("goverment", "countd");
        assertThat(mail.html().select("#totals").text()).contains("4 errors on 3 pages, 10 new reports");
        assertThat(mail.text()).containsSubsequence("Storm warning", "Election night", "goverment", "countd",
                "https://news.example/untitled");
        assertThat(mail.text()).contains("\"A >>huricane<< is coming\"", "4 reports (new)");
    }

    /** Pages are stored as browsers send them: a site on пример.рф is shown as its editors read it, and linked as it is. */
    /**
     * The footer says until when the one-click links work (it said "after a while"), that only open
     * errors are mailed, and that the context is shortened; the text part says it too.
     */
    @Test
    void theFooterSaysUntilWhenTheLinksWorkAndWhatTheDigestLists() {
        long error = this.data.error("https://news.example/footer", "Footer", "The ", "recieve", " end");
        this.data.reports(error, 1);

        DigestApi.Response response = this.api.create();

        Instant until = Instant.parse((String) response.body().get("createdAt")).plus(Duration.ofDays(14));
        String date = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH).format(until.atZone(ZoneOffset.UTC));
        DigestMail mail = onlyMail();
        String footer = mail.html().selectFirst("#footer").text();
        assertThat(footer).contains("a recipient of the spelling-reports digest (spelling.digest.recipients)",
                "It lists the open errors that readers reported, or reported again, since the previous digest",
                "reports of errors dismissed or marked as spam are not mailed",
                "readers' own words, unedited (the context shortened, the latest comments)",
                "\"Open the page at this text\" scrolls to the text in browsers that support text fragments",
                "each works once, until " + date + ", ")
                .containsPattern("until " + date + ", \\d{2}:\\d{2} \\(UTC\\), so do not forward this mail")
                .doesNotContain("after a while");
        assertThat(mail.text().replaceAll("\\s+", " ")).contains("reports of errors dismissed or marked as spam are not mailed",
                "each works once, until " + date + ", ");
    }

    @Test
    void aPageOfASiteInCyrillicIsShownByItsAddressAsRead() {
        String news = "https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1";
        String sport = "https://xn--e1afmkfd.xn--p1ai/%D1%81%D0%BF%D0%BE%D1%80%D1%82";
        this.data.reports(this.data.error(news, null, "Всем ", "превет", " из редакции"), 2);
        this.data.reports(this.data.error(sport, "Спорт", "Наш ", "чемпеон", " победил"), 1);

        assertThat(this.api.create().status()).isEqualTo(HttpStatus.CREATED);

        DigestMail mail = onlyMail();
        assertThat(mail.html().select(".page .page-link")).extracting(Element::text)
                .containsExactly("https://пример.рф/новости/1", "Спорт");
        assertThat(mail.html().select(".page .page-link")).extracting((link) -> link.attr("href")).containsExactly(news, sport);
        assertThat(mail.html().select(".page").get(1).text()).contains("https://пример.рф/спорт");
        assertThat(mail.text()).containsSubsequence("== https://пример.рф/новости/1 ==", "== Спорт ==", "https://пример.рф/спорт")
                .contains("Open at the text: " + news + "#:~:text=");
    }

    @Test
    void errorShowsItsSelectionInContextCountsCommentsAndTextLink() {
        long error = this.data.error("https://news.example/sport", "Cup final", "It was a ", "fantastik", " match, fans said");
        this.data.report(error, "Should be fantastic");
        this.data.report(error, "  Should be   fantastic ");
        this.data.report(error, "Typo & more");
        this.data.report(error, null);

        assertThat(this.api.create().status()).isEqualTo(HttpStatus.CREATED);

        DigestMail mail = onlyMail();
        Element entry = mail.html().selectFirst(".error");
        assertThat(entry.selectFirst(".context").text()).isEqualTo("It was a fantastik match, fans said");
        assertThat(entry.selectFirst(".context mark").text()).isEqualTo("fantastik");
        assertThat(entry.selectFirst(".counts").text()).contains("4 reports", "(new)");
        assertThat(entry.select(".comment")).extracting(Element::text).containsExactly("Should be fantastic", "Typo & more");
        assertThat(entry.selectFirst("a.text-link").attr("href"))
                .isEqualTo("https://news.example/sport#:~:text=It%20was%20a-,fantastik,-match%2C%20fans%20said");
        assertThat(mail.text()).contains("- Should be fantastic", "- Typo & more",
                "https://news.example/sport#:~:text=It%20was%20a-,fantastik,-match%2C%20fans%20said");
    }

    @Test
    void readerInputIsEscapedNeverLiveMarkup() {
        String script = "<script>alert('x')</script>";
        String image = "<img src=x onerror=alert(1)>";
        long error = this.data.error("https://news.example/xss", "<b>Title</b>" + script, image + " before ",
                "<script>steal()</script>", " after" + "</div><a href=\"javascript:evil()\">x</a>");
        this.data.report(error, "<img src=x onerror=alert(2)> " + script);

        assertThat(this.api.create().status()).isEqualTo(HttpStatus.CREATED);

        DigestMail mail = onlyMail();
        assertThat(mail.html().select("script")).isEmpty();
        assertThat(mail.html().select("img")).isEmpty();
        assertThat(mail.html().select("b")).isEmpty();
        assertThat(mail.html().select("[onerror]")).isEmpty();
        assertThat(mail.html().select("a[href^=javascript]")).isEmpty();
        assertThat(mail.html().selectFirst(".page-link").text()).isEqualTo("<b>Title</b>" + script);
        assertThat(mail.html().selectFirst(".error mark").text()).isEqualTo("<script>steal()</script>");
        assertThat(mail.html().selectFirst(".comment").text()).isEqualTo("<img src=x onerror=alert(2)> " + script);
        Elements errors = mail.html().select(".error");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).selectFirst(".context").text()).contains("</div><a href=\"javascript:evil()\">x</a>");
    }

    /** A right-to-left override readers sent (or selected half of) reorders their own text, not the mail's. */
    @Test
    void readersBidiOverridesEndWithTheirText() {
        long error = this.data.error("https://news.example/bidi", "Breaking \u202Enews", "The word ", "ab\u202Ecd",
                " is followed by this sentence.");
        this.data.report(error, "see \u202Ethis");

        assertThat(this.api.create().status()).isEqualTo(HttpStatus.CREATED);

        DigestMail mail = onlyMail();
        assertThat(mail.html().selectFirst(".page-link").text()).isEqualTo("Breaking \u202Enews\u202C");
        assertThat(mail.html().selectFirst(".error mark").text()).isEqualTo("ab\u202Ecd\u202C");
        assertThat(mail.html().selectFirst(".comment").text()).isEqualTo("see \u202Ethis\u202C");
        assertThat(mail.text()).contains("== Breaking \u202Enews\u202C ==",
                "\"The word >>ab\u202Ecd\u202C<< is followed by this sentence.\"", "- see \u202Ethis\u202C");
    }

    private static DigestMail onlyMail() {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        assertThat(messages).hasSize(1);
        return DigestMail.of(messages[0]);
    }

}
