package io.github.spellingreports.intake.report;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.github.spellingreports.intake.abuse.Honeypot;
import io.github.spellingreports.intake.abuse.RateLimitProperties;
import io.github.spellingreports.intake.config.IntakeProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.RequestBuilder;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Abuse control in front of {@code POST /api/v1/reports}: browser origins, rate limits, the
 * honeypot, hostile URLs and JSON, security headers; Kafka replaced by a mock. Every test sends
 * from its own address, so the rate limiter's state of one test does not reach another.
 */
@WebMvcTest(controllers = ReportController.class, properties = {
        "spelling.intake.allowed-origins=https://news.example",
        "spelling.intake.rate-limit.per-client=3/1m",
        "spelling.intake.rate-limit.global=1000/1s",
        // Room for 10,000 nested arrays: the parser's nesting limit must refuse them, not the size limit.
        "spelling.intake.max-request-size=64KB" })
@EnableConfigurationProperties({ IntakeProperties.class, RateLimitProperties.class })
@ExtendWith(OutputCaptureExtension.class)
class ReportAbuseControlTests {

    private static final String REPORTS = "/api/v1/reports";

    private final JsonMapper json = JsonMapper.builder().build();

    @Autowired
    private MockMvc mvc;

    @MockitoBean
    private ReportPublisher publisher;

    @BeforeEach
    void brokerAcknowledges() {
        given(publisher.publish(any())).willReturn(CompletableFuture.completedFuture(null));
    }

    @Test
    void honeypotReportIsAcceptedWithItsIdButNotPublished() throws Exception {
        String id = UUID.randomUUID().toString();
        Map<String, Object> report = report();
        report.put("reportId", id);
        report.put(Honeypot.FIELD, "https://cheap-pills.example");

        send(post(REPORTS), "198.51.100.1", report).andExpect(status().isAccepted())
                .andExpect(jsonPath("$.reportId").value(id));
        verify(publisher, never()).publish(any());
    }

    @Test
    void emptyHoneypotIsAnOrdinaryReport() throws Exception {
        Map<String, Object> report = report();
        report.put(Honeypot.FIELD, "");

        send(post(REPORTS), "198.51.100.2", report).andExpect(status().isAccepted());
        verify(publisher).publish(any());
    }

    @Test
    void browserOnAPageOfAnotherSiteIsForbidden() throws Exception {
        expectForbidden(send(post(REPORTS).header(HttpHeaders.ORIGIN, "https://evil.example"), "198.51.100.3", report()));
        expectForbidden(send(post(REPORTS).header(HttpHeaders.ORIGIN, "null"), "198.51.100.3", report()));
        expectForbidden(send(post(REPORTS).header(HttpHeaders.ORIGIN, "https://news.example.evil.example")
                .header("Sec-Fetch-Site", "cross-site"), "198.51.100.3", report()));
        verify(publisher, never()).publish(any());
    }

    /**
     * The usual mistake of a site's set-up, its pages on www. while the intake takes the bare host
     * (or http while it takes https), is in the log, once per origin: it was a counter only, and the
     * widget keeps such reports and tries again on every page view.
     */
    @Test
    void aRefusedOriginIsLoggedOnceWithWhatToConfigure(CapturedOutput output) throws Exception {
        for (int i = 0; i < 3; i++) {
            expectForbidden(send(post(REPORTS).header(HttpHeaders.ORIGIN, "https://www.news.example"), "198.51.100.14", report()));
        }
        expectForbidden(send(post(REPORTS).header(HttpHeaders.ORIGIN, "http://news.example"), "198.51.100.14", report()));
        expectForbidden(send(post(REPORTS).header(HttpHeaders.ORIGIN, "https://a\u0007b.example"), "198.51.100.14", report()));

        String www = "Refused reports: origin https://www.news.example is not in "
                + "spelling.intake.allowed-origins (logged once per origin; each refusal is counted in "
                + "spelling_intake_refused_total{reason=\"origin\"})";
        assertThat(output.getOut().lines().filter((line) -> line.endsWith(www))).hasSize(1);
        assertThat(output.getOut()).contains("Refused reports: origin http://news.example is not in ",
                "Refused reports: origin https://a?b.example is not in ");
    }

    @Test
    void crossSiteRequestWithoutOriginIsForbidden() throws Exception {
        expectForbidden(send(post(REPORTS).header("Sec-Fetch-Site", "cross-site"), "198.51.100.4", report()));
        verify(publisher, never()).publish(any());
    }

    @Test
    void browserOnAnAllowedSiteAndClientsWithoutBrowserHeadersAreServed() throws Exception {
        send(post(REPORTS).header(HttpHeaders.ORIGIN, "https://news.example").header("Sec-Fetch-Site", "cross-site"),
                "198.51.100.5", report())
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://news.example"));
        send(post(REPORTS).header("Sec-Fetch-Site", "same-origin"), "198.51.100.5", report()).andExpect(status().isAccepted());
        send(post(REPORTS), "198.51.100.5", report()).andExpect(status().isAccepted());
        verify(publisher, times(3)).publish(any());
    }

    @Test
    void reportBeyondTheLimitIsTooManyRequestsWithRetryAfterAndAReadableMessage() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(post(REPORTS), "198.51.100.6", report()).andExpect(status().isAccepted());
        }

        send(post(REPORTS), "198.51.100.6", report())
                .andExpect(status().isTooManyRequests())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string(HttpHeaders.RETRY_AFTER, "20"))
                .andExpect(jsonPath("$.status").value(429))
                .andExpect(jsonPath("$.title").value("Too Many Requests"))
                .andExpect(jsonPath("$.detail").value(containsString("Please wait 20 seconds")))
                .andExpect(jsonPath("$.retryAfterSeconds").value(20));
        verify(publisher, times(3)).publish(any());
    }

    @Test
    void invalidReportsCountTowardsTheLimitToo() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(post(REPORTS), "198.51.100.7", Map.of("selection", "")).andExpect(status().isBadRequest());
        }
        send(post(REPORTS), "198.51.100.7", report()).andExpect(status().isTooManyRequests());
    }

    @Test
    void limitedClientDoesNotAffectOthers() throws Exception {
        for (int i = 0; i < 4; i++) {
            send(post(REPORTS), "198.51.100.8", report());
        }
        send(post(REPORTS), "198.51.100.9", report()).andExpect(status().isAccepted());
    }

    @Test
    void browserOnAnAllowedSiteCanReadTheTooManyRequestsAnswer() throws Exception {
        for (int i = 0; i < 3; i++) {
            send(post(REPORTS), "198.51.100.10", report());
        }
        send(post(REPORTS).header(HttpHeaders.ORIGIN, "https://news.example"), "198.51.100.10", report())
                .andExpect(status().isTooManyRequests())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://news.example"))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, containsString("Retry-After")));
    }

    @Test
    void pageUrlWithUserNameOrPasswordIsRejected() throws Exception {
        for (String url : new String[] { "https://user:secret@news.example/story", "https://user@news.example/story" }) {
            Map<String, Object> report = report();
            report.put("pageUrl", url);
            send(post(REPORTS), "198.51.100.11", report).andExpect(status().isBadRequest())
                    .andExpect(jsonPath("$.errors.pageUrl").value("must not contain a user name or password"))
                    .andExpect(content().string(not(containsString("secret"))));
        }
        verify(publisher, never()).publish(any());
    }

    @Test
    void tenThousandNestedArraysAreABadRequest() throws Exception {
        String body = "{\"selection\": " + "[".repeat(10_000) + "]".repeat(10_000) + "}";

        perform(post(REPORTS).contentType(MediaType.APPLICATION_JSON).content(body)
                .with(request -> address(request, "198.51.100.12")))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
    }

    @Test
    void everyAnswerCarriesTheSecurityHeaders() throws Exception {
        expectSecurityHeaders(send(post(REPORTS), "198.51.100.13", report()).andExpect(status().isAccepted()));
        expectSecurityHeaders(send(post(REPORTS).header(HttpHeaders.ORIGIN, "https://evil.example"), "198.51.100.13",
                report()).andExpect(status().isForbidden()));
        expectSecurityHeaders(perform(get("/no/such/page")).andExpect(status().isNotFound()));
        expectSecurityHeaders(perform(get(REPORTS)).andExpect(status().isMethodNotAllowed()));
    }

    private void expectForbidden(ResultActions result) throws Exception {
        result.andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(403))
                .andExpect(jsonPath("$.detail").value("Reports are accepted only from the pages of the sites this service works for."))
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
    }

    private static void expectSecurityHeaders(ResultActions result) throws Exception {
        result.andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "no-referrer"))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("Content-Security-Policy", containsString("frame-ancestors 'none'")))
                .andExpect(header().string("Content-Security-Policy", containsString("default-src 'none'")));
    }

    private ResultActions send(MockHttpServletRequestBuilder request, String address, Map<String, ?> report)
            throws Exception {
        return perform(request.contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(report))
                .with(mock -> address(mock, address)));
    }

    private static org.springframework.mock.web.MockHttpServletRequest address(
            org.springframework.mock.web.MockHttpServletRequest request, String address) {
        request.setRemoteAddr(address);
        return request;
    }

    private static Map<String, Object> report() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("pageUrl", "https://news.example/story?id=7");
        report.put("selection", "Kazakstan");
        report.put("contextBefore", "The capital of ");
        report.put("contextAfter", " is Astana.");
        return report;
    }

    /** Performs a request and, when the controller answered asynchronously, the dispatch that writes the answer. */
    private ResultActions perform(RequestBuilder request) throws Exception {
        ResultActions first = mvc.perform(request);
        MvcResult started = first.andReturn();
        return started.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(started)) : first;
    }

}
