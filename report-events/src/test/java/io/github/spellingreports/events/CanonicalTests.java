package io.github.spellingreports.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CanonicalTests {

    @Test
    void pageUrlLowerCasesSchemeAndHostButNotPath() {
        assertThat(Canonical.pageUrl("HTTPS://News.Example.COM/Politics/Story"))
                .isEqualTo("https://news.example.com/Politics/Story");
    }

    @Test
    void pageUrlDropsFragmentTrackingParametersTrailingSlashAndDefaultPort() {
        assertThat(Canonical.pageUrl("https://example.com:443/a/b/?utm_source=x&id=7&fbclid=abc&UTM_Medium=y&gclid=1#section"))
                .isEqualTo("https://example.com/a/b?id=7");
        assertThat(Canonical.pageUrl("http://example.com:80/")).isEqualTo("http://example.com");
        assertThat(Canonical.pageUrl("http://example.com:8080/x")).isEqualTo("http://example.com:8080/x");
    }

    @Test
    void pageUrlDropsTheClickAndCampaignIdentifiersOfSearchEnginesAdsNewslettersAndSocialNetworks() {
        // Yandex's search appends ysclid to every result it links: without this, each reader who came
        // from it reported an error of their own
        assertThat(Canonical.pageUrl("https://example.kz/ru/news/7?ysclid=lx2k9a8b7c123&page=2&yclid=88&_openstat=abc"))
                .isEqualTo("https://example.kz/ru/news/7?page=2");
        assertThat(Canonical.pageUrl("https://example.com/a?msclkid=1&dclid=2&gbraid=3&wbraid=4&srsltid=5&id=7"))
                .isEqualTo("https://example.com/a?id=7");
        assertThat(Canonical.pageUrl("https://example.com/a?id=7&mc_cid=1&mc_eid=2&_hsenc=3&_hsmi=4&mkt_tok=5"))
                .isEqualTo("https://example.com/a?id=7");
        assertThat(Canonical.pageUrl("https://example.com/a?igshid=1&twclid=2&ttclid=3&li_fat_id=4&_ga=5&_gl=6&Ysclid=7"))
                .isEqualTo("https://example.com/a");
        // a parameter that only starts like one is the page's own
        assertThat(Canonical.pageUrl("https://example.com/a?gclid_page=1&_gallery=2&ysclidx=3"))
                .isEqualTo("https://example.com/a?gclid_page=1&_gallery=2&ysclidx=3");
    }

    /** Browsers send a host in Unicode in its ASCII form (IDNA) and a path or query in percent-encoded UTF-8. */
    @Test
    void pageUrlWritesAHostInUnicodeAndTextOutsideAsciiAsBrowsersSendThem() {
        String browser = "https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1?q=%D0%BC%D0%B8%D1%80";
        assertThat(Canonical.pageUrl("https://Пример.РФ/новости/1?q=мир#абзац")).isEqualTo(browser);
        assertThat(Canonical.pageUrl(browser)).isEqualTo(browser);
        assertThat(Canonical.pageUrl("http://жаңалықтар.қаз:8080/")).isEqualTo("http://xn--80aaav1a5am5es3bmc.xn--80ao21a:8080");
        assertThat(Canonical.pageUrl("https://example.com/статья")).isEqualTo("https://example.com/%D1%81%D1%82%D0%B0%D1%82%D1%8C%D1%8F");
        assertThat(Canonical.origin("https://пример.рф/новости")).isEqualTo("https://xn--e1afmkfd.xn--p1ai");
        assertThatIllegalArgumentException().isThrownBy(() -> Canonical.pageUrl("https://при мер.рф/"));
        assertThatIllegalArgumentException().isThrownBy(() -> Canonical.pageUrl("https://user@пример.рф/"));
    }

    @Test
    void pageUrlKeepsOtherParametersInOrder() {
        assertThat(Canonical.pageUrl("https://example.com/search?q=kazakstan&page=2"))
                .isEqualTo("https://example.com/search?q=kazakstan&page=2");
    }

    @Test
    void pageUrlRejectsWhatIsNotAbsoluteHttp() {
        assertThatIllegalArgumentException().isThrownBy(() -> Canonical.pageUrl("/relative/path"));
        assertThatIllegalArgumentException().isThrownBy(() -> Canonical.pageUrl("javascript:alert(1)"));
        assertThatIllegalArgumentException().isThrownBy(() -> Canonical.pageUrl("ftp://example.com/file"));
        assertThatIllegalArgumentException().isThrownBy(() -> Canonical.pageUrl("https://exa mple.com/"));
    }

    @Test
    void pageUrlRejectsHalfACharacter() {
        // a lone surrogate (JSON may carry one as "\\ud800") has no UTF-8 to percent-encode
        assertThatIllegalArgumentException().isThrownBy(() -> Canonical.pageUrl("https://news.example/a\uD800"))
                .withMessage("not a valid URL: half a character (a lone surrogate) at index 22");
        assertThatIllegalArgumentException().isThrownBy(() -> Canonical.pageUrl("https://news.example/?q=\uDFFF"));
        assertThatIllegalArgumentException().isThrownBy(() -> Canonical.pageUrl("https://news.example/#\uD800"));
        assertThatIllegalArgumentException().isThrownBy(() -> Canonical.pageUrl("\uD800"));
        assertThatIllegalArgumentException().isThrownBy(() -> Canonical.origin("https://\uD800.example"));
        assertThat(Canonical.pageUrl("https://news.example/\uD83D\uDE00"))
                .isEqualTo("https://news.example/%F0%9F%98%80");
    }

    @Test
    void originIsSchemeHostAndPort() {
        assertThat(Canonical.origin("https://News.example.com/a?b=c")).isEqualTo("https://news.example.com");
        assertThat(Canonical.origin("http://localhost:8080")).isEqualTo("http://localhost:8080");
        assertThat(Canonical.origin("http://localhost:8080?x=1")).isEqualTo("http://localhost:8080");
        // a home page whose query holds a '/' (its trailing slash dropped): the query is not the path
        assertThat(Canonical.origin("https://news.example/?next=/a")).isEqualTo("https://news.example");
        assertThat(Canonical.origin("https://news.example/?url=https://other.example/b")).isEqualTo("https://news.example");
    }

    @Test
    void textIsComposedAndWhiteSpaceCollapsed() {
        String decomposed = "Cafe\u0301  au\u00A0lait\n\t noir";
        assertThat(Canonical.text(decomposed)).isEqualTo("Caf\u00E9 au lait noir");
        assertThat(Canonical.text(null)).isEmpty();
    }

}
