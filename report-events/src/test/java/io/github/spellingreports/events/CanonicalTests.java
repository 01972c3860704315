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
    void originIsSchemeHostAndPort() {
        assertThat(Canonical.origin("https://News.example.com/a?b=c")).isEqualTo("https://news.example.com");
        assertThat(Canonical.origin("http://localhost:8080")).isEqualTo("http://localhost:8080");
        assertThat(Canonical.origin("http://localhost:8080?x=1")).isEqualTo("http://localhost:8080");
    }

    @Test
    void textIsComposedAndWhiteSpaceCollapsed() {
        String decomposed = "Cafe\u0301  au\u00A0lait\n\t noir";
        assertThat(Canonical.text(decomposed)).isEqualTo("Caf\u00E9 au lait noir");
        assertThat(Canonical.text(null)).isEmpty();
    }

}
