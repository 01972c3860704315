package io.github.spellingreports.intake.widget;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

import io.github.spellingreports.intake.abuse.RateLimitProperties;
import io.github.spellingreports.intake.config.IntakeProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.head;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP contract of {@code GET /widget.js} (caching, ETag, encoding) and of the demo pages.
 */
@WebMvcTest(controllers = { WidgetController.class, DemoController.class }, properties = {
        "spelling.intake.allowed-origins=https://news.example",
        "spelling.intake.widget.cache-max-age=2h" })
@EnableConfigurationProperties({ IntakeProperties.class, RateLimitProperties.class, WidgetProperties.class })
@Import(WidgetScript.class)
class WidgetControllerTests {

    @Autowired
    private MockMvc mvc;

    @Test
    void widgetIsUtf8JavaScriptCacheableForTheConfiguredTimeWithAContentHashETag() throws Exception {
        byte[] file = WidgetScript.served(new ClassPathResource("widget/widget.js").getContentAsByteArray());

        MvcResult result = mvc.perform(get("/widget.js"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "application/javascript;charset=UTF-8"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=7200, public"))
                .andExpect(header().string(HttpHeaders.ETAG, "W/\"" + new WidgetScript(file).hash() + "\""))
                .andExpect(header().string(HttpHeaders.ETAG, matchesPattern("W/\"[0-9a-f]{32}\"")))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().doesNotExist(HttpHeaders.CONTENT_ENCODING))
                .andReturn();

        assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(file);
    }

    @Test
    void theScriptIsServedWithoutItsCommentLinesAndIndentationAndKeepsItsHeader() throws Exception {
        String source = new ClassPathResource("widget/widget.js").getContentAsString(StandardCharsets.UTF_8);
        String served = mvc.perform(get("/widget.js")).andReturn().getResponse().getContentAsString(StandardCharsets.UTF_8);

        assertThat(source.lines().filter((line) -> line.strip().startsWith("//"))).as("the source explains itself").isNotEmpty();
        assertThat(served.lines().filter((line) -> line.strip().startsWith("//"))).isEmpty();
        assertThat(served.lines().filter((line) -> !line.equals(line.stripLeading()))).as("indented lines").isEmpty();
        assertThat(served).startsWith("/*! spelling-reports widget").contains("var STRINGS = {");
        assertThat(served.lines().count()).isEqualTo(source.lines().filter((line) -> !line.strip().startsWith("//")).count());
        assertThat(WidgetScript.served("a();\n  // why\n  b(); // kept: code before it\n".getBytes(StandardCharsets.UTF_8)))
                .asString(StandardCharsets.UTF_8).isEqualTo("a();\nb(); // kept: code before it\n");
    }

    @Test
    void matchingIfNoneMatchIsAnswered304WithoutABodyButWithTheCachingHeaders() throws Exception {
        String etag = mvc.perform(get("/widget.js")).andReturn().getResponse().getHeader(HttpHeaders.ETAG);

        MvcResult result = mvc.perform(get("/widget.js").header(HttpHeaders.IF_NONE_MATCH, etag))
                .andExpect(status().isNotModified())
                .andExpect(header().string(HttpHeaders.ETAG, etag))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=7200, public"))
                .andReturn();

        assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
    }

    @Test
    void strongFormOfTheETagAlsoMatchesBecauseIfNoneMatchComparesWeakly() throws Exception {
        String etag = mvc.perform(get("/widget.js")).andReturn().getResponse().getHeader(HttpHeaders.ETAG);

        mvc.perform(get("/widget.js").header(HttpHeaders.IF_NONE_MATCH, etag.substring(2)))
                .andExpect(status().isNotModified());
    }

    @Test
    void staleETagGetsTheWholeScript() throws Exception {
        mvc.perform(get("/widget.js").header(HttpHeaders.IF_NONE_MATCH, "W/\"0123456789abcdef0123456789abcdef\""))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("spelling-reports widget")));
    }

    @Test
    void gzipIsSentToClientsThatAcceptIt() throws Exception {
        byte[] file = WidgetScript.served(new ClassPathResource("widget/widget.js").getContentAsByteArray());

        MvcResult result = mvc.perform(get("/widget.js").header(HttpHeaders.ACCEPT_ENCODING, "gzip, deflate, br"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_ENCODING, "gzip"))
                .andExpect(header().string(HttpHeaders.VARY, containsString(HttpHeaders.ACCEPT_ENCODING)))
                .andReturn();

        byte[] body = result.getResponse().getContentAsByteArray();
        assertThat(body.length).isLessThan(file.length / 2);
        assertThat(gunzip(body)).isEqualTo(file);
    }

    @Test
    void gzipWithZeroQualityIsNotSent() throws Exception {
        mvc.perform(get("/widget.js").header(HttpHeaders.ACCEPT_ENCODING, "gzip;q=0, identity"))
                .andExpect(header().doesNotExist(HttpHeaders.CONTENT_ENCODING));
        assertThat(WidgetController.acceptsGzip("br, GZIP ; q=0.5")).isTrue();
        assertThat(WidgetController.acceptsGzip("*")).isTrue();
        assertThat(WidgetController.acceptsGzip("br, *;q=0.0")).isFalse();
        assertThat(WidgetController.acceptsGzip("identity")).isFalse();
    }

    @Test
    void headAnswersWithTheSameValidators() throws Exception {
        String etag = mvc.perform(get("/widget.js")).andReturn().getResponse().getHeader(HttpHeaders.ETAG);

        mvc.perform(head("/widget.js"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ETAG, etag))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, "max-age=7200, public"));
    }

    @Test
    void theIntakesAddressLeadsToTheDemo() throws Exception {
        mvc.perform(get("/"))
                .andExpect(status().isFound())
                .andExpect(header().string("Location", "/demo"));
    }

    /** A demo address typed with a slash at its end (Spring matches paths exactly) leads to its page. */
    @Test
    void aDemosAddressWithASlashAtItsEndLeadsToThePage() throws Exception {
        mvc.perform(get("/demo/"))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/demo"));
        mvc.perform(get("/demo/ru/"))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/demo/ru"));
    }

    /**
     * The script's address with a slash at its end leads to the script: it served the source as a
     * static file, comments and all, without the widget's caching headers.
     */
    @Test
    void theScriptsAddressWithASlashAtItsEndLeadsToTheScript() throws Exception {
        mvc.perform(get("/widget.js/"))
                .andExpect(status().isMovedPermanently())
                .andExpect(header().string("Location", "/widget.js"))
                .andExpect(content().bytes(new byte[0]));
    }

    @Test
    void englishDemoIsAnArticleWithTheWidgetAHintAndACanonicalLink() throws Exception {
        mvc.perform(get("/demo"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8"))
                .andExpect(content().string(containsString("<html lang=\"en\">")))
                .andExpect(content().string(containsString("<script src=\"/widget.js\" defer></script>")))
                .andExpect(content().string(containsString("<link rel=\"canonical\" href=\"/demo\">")))
                .andExpect(content().string(containsString("press <kbd>Ctrl</kbd>+<kbd>Enter</kbd>")))
                .andExpect(content().string(containsString("recieved")));
    }

    @Test
    void russianDemoIsInRussianWithTheWidget() throws Exception {
        mvc.perform(get("/demo/ru"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8"))
                .andExpect(content().encoding("UTF-8"))
                .andExpect(content().string(containsString("<html lang=\"ru\">")))
                .andExpect(content().string(containsString("<script src=\"/widget.js\" defer></script>")))
                .andExpect(content().string(containsString("нажмите <kbd>Ctrl</kbd>+<kbd>Enter</kbd>")))
                .andExpect(content().string(containsString("обьявила")));
    }

    @Test
    void demoStylesheetIsServed() throws Exception {
        mvc.perform(get("/demo/demo.css"))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith("text/css"));
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

}
