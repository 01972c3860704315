package io.github.spellingreports.intake.abuse;

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.HandlerExceptionResolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

@ExtendWith(OutputCaptureExtension.class)
class BrowserOriginFilterTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final BrowserOriginFilter filter = new BrowserOriginFilter(List.of("https://news.example"),
            mock(HandlerExceptionResolver.class), new Refusals(this.registry));

    /** Made-up origins by the thousand write a bounded number of lines; every refusal is counted. */
    @Test
    void aFloodOfMadeUpOriginsIsNotAFloodOfLogLines(CapturedOutput output) throws Exception {
        for (int i = 0; i < 150; i++) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/reports");
            request.addHeader(HttpHeaders.ORIGIN, "https://flood-" + i + ".example");
            MockFilterChain chain = new MockFilterChain();
            this.filter.doFilter(request, new MockHttpServletResponse(), chain);
            assertThat(chain.getRequest()).as("refused").isNull();
        }
        assertThat(output.getOut().lines().filter((line) -> line.contains("Refused reports: origin https://flood-")))
                .hasSize(BrowserOriginFilter.LOGGED_ORIGINS).last().asString().contains("flood-99.example");
        assertThat(this.registry.get("spelling.intake.refused").tag("reason", "origin").counter().count()).isEqualTo(150);
    }

    @Test
    void anOriginOfThousandsOfCharactersIsLoggedShort(CapturedOutput output) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/reports");
        request.addHeader(HttpHeaders.ORIGIN, "https://" + "a".repeat(5000) + ".example");
        this.filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());
        assertThat(output.getOut()).contains("Refused reports: origin https://" + "a".repeat(192) + " is not in");
    }

}
