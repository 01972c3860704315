package io.github.spellingreports.intake.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.intake.abuse.RateLimitProperties;
import io.github.spellingreports.intake.config.IntakeProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
import static org.mockito.Mockito.verify;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.options;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The HTTP contract of {@code POST /api/v1/reports}: validation, problem details, limits and CORS,
 * with the Kafka side replaced by a mock.
 */
@WebMvcTest(controllers = ReportController.class, properties = {
        "spelling.intake.allowed-origins=https://news.example,http://localhost:8080",
        "spelling.intake.client-hash-salt=test-salt",
        // Many reports from one address: the limits have their own tests.
        "spelling.intake.rate-limit.enabled=false" })
@EnableConfigurationProperties({ IntakeProperties.class, RateLimitProperties.class })
class ReportControllerTests {

    private static final String REPORTS = "/api/v1/reports";

    private static final java.util.UUID REPORT_ID = java.util.UUID.fromString("0b8c7a52-3a5f-4f4e-9a61-2f0d6c1e9b11");

    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

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
    void validReportIsPublishedAndAnsweredWithItsId() throws Exception {
        UUID id = UUID.randomUUID();
        Map<String, Object> report = validReport();
        report.put("reportId", id.toString());
        report.put("selection", "  Kazakstan \n");

        submit(report).andExpect(status().isAccepted())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.reportId").value(id.toString()));

        SpellingErrorReported event = publishedEvent();
        assertThat(event.reportId()).isEqualTo(id);
        assertThat(event.schemaVersion()).isEqualTo(SpellingErrorReported.CURRENT_SCHEMA_VERSION);
        assertThat(event.selection()).isEqualTo("Kazakstan");
        assertThat(event.dedupKey()).isEqualTo(DedupKey.of("https://news.example/story?id=7", "The capital of ",
                "Kazakstan", " is Astana."));
        assertThat(event.clientHash()).matches("[0-9a-f]{64}").doesNotContain("127.0.0.1");
        assertThat(event.receivedAt()).isNotNull();
    }

    @Test
    void acceptedOnlyOnceTheBrokerAcknowledged() throws Exception {
        CompletableFuture<Void> acknowledgement = new CompletableFuture<>();
        given(publisher.publish(any())).willReturn(acknowledgement);

        MvcResult pending = mvc.perform(postOf(validReport())).andReturn();

        assertThat(pending.getRequest().isAsyncStarted()).as("waiting for the broker").isTrue();
        assertThat(pending.getResponse().isCommitted()).isFalse();
        assertThat(pending.getResponse().getContentAsString()).isEmpty();
        acknowledgement.complete(null);
        mvc.perform(asyncDispatch(pending)).andExpect(status().isAccepted());
    }

    @Test
    void missingReportIdIsGenerated() throws Exception {
        String answer = submit(validReport()).andExpect(status().isAccepted())
                .andReturn().getResponse().getContentAsString();

        UUID generated = UUID.fromString(json.readTree(answer).get("reportId").asString());
        assertThat(publishedEvent().reportId()).isEqualTo(generated);
    }

    /**
     * JSON may escape half a character ("\\ud83d"), as a widget cutting its context or a title in the
     * middle of an emoji can send it: the report is taken, with U+FFFD (what a browser's
     * TextEncoder writes) where the half stood. It was stored with a "?" there.
     */
    @Test
    void halfACharacterInReaderTextIsTakenAsTheReplacementCharacter() throws Exception {
        Map<String, Object> report = validReport();
        report.put("pageTitle", "News \\ud83d");
        report.put("contextBefore", "\\ude00 The capital of ");
        report.put("selection", "Kaza\\udc00kstan");
        report.put("contextAfter", " is Astana \\ud83d\\ude00.");
        report.put("comment", "Kazakhstan \\ud83d");
        String body = json.writeValueAsString(report).replace("\\\\u", "\\u");
        assertThat(body).contains("\\ud83d\"", "\\udc00");

        perform(post(REPORTS).contentType(MediaType.APPLICATION_JSON).content(body)).andExpect(status().isAccepted());

        SpellingErrorReported event = publishedEvent();
        assertThat(event.pageTitle()).isEqualTo("News \uFFFD");
        assertThat(event.contextBefore()).isEqualTo("\uFFFD The capital of ");
        assertThat(event.selection()).isEqualTo("Kaza\uFFFDkstan");
        assertThat(event.contextAfter()).as("a whole emoji stays").isEqualTo(" is Astana \uD83D\uDE00.");
        assertThat(event.comment()).isEqualTo("Kazakhstan \uFFFD");
        assertThat(event.dedupKey()).isEqualTo(DedupKey.of("https://news.example/story?id=7", "\uFFFD The capital of ",
                "Kaza\uFFFDkstan", " is Astana \uD83D\uDE00."));
    }

    @Test
    void blankLanguageIsPublishedAsAbsent() throws Exception {
        Map<String, Object> report = validReport();
        report.put("lang", "");

        submit(report).andExpect(status().isAccepted());
        assertThat(publishedEvent().lang()).isNull();
    }

    /** A site's {@code <html lang=" ">} passed on by a CMS or another client: blank, so absent, not refused. */
    @Test
    void languageOfWhiteSpaceIsPublishedAsAbsent() throws Exception {
        Map<String, Object> report = validReport();
        report.put("lang", " \t");

        submit(report).andExpect(status().isAccepted());
        assertThat(publishedEvent().lang()).isNull();
    }

    /** A mistyped address says what there is, not Spring's "No static resource api/v1/report." */
    @Test
    void anAddressWithNothingAtItSaysWhereReportsGo() throws Exception {
        mvc.perform(post("/api/v1/report").contentType("application/json").content("{}"))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType("application/problem+json"))
                .andExpect(jsonPath("$.detail").value("No endpoint POST /api/v1/report. The intake takes reports at "
                        + "POST /api/v1/reports and serves the widget at /widget.js."));
        mvc.perform(get("/widget.jss"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.detail").value("No endpoint GET /widget.jss. The intake takes reports at "
                        + "POST /api/v1/reports and serves the widget at /widget.js."));
    }

    @Test
    void selectionIsRequired() throws Exception {
        Map<String, Object> report = validReport();
        report.remove("selection");
        expectInvalid(submit(report), "selection");
    }

    @Test
    void selectionOfOnlyWhiteSpaceIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("selection", " \n\t ")), "selection");
    }

    /**
     * White space as the worker reads it (no-break, zero-width, a byte-order mark): such a selection
     * was accepted here and then dead-lettered by the worker as "selection is missing".
     */
    @Test
    void selectionOfOnlyWhiteSpaceAsTheWorkerReadsItIsRejected() throws Exception {
        for (String blank : new String[] { "\u00A0", "\u200B", "\uFEFF", "\u202F", " \u2007 " }) {
            expectInvalid(submit(validReportWith("selection", blank)), "selection");
        }
        verify(publisher, never()).publish(any());
    }

    @Test
    void selectionLongerThan300CharactersIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("selection", "a".repeat(301))), "selection");
    }

    @Test
    void selectionOf300CharactersWithSurroundingSpaceIsAccepted() throws Exception {
        submit(validReportWith("selection", "  " + "a".repeat(300) + "  ")).andExpect(status().isAccepted());
    }

    @Test
    void contextBeforeLongerThan200CharactersIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("contextBefore", "b".repeat(201))), "contextBefore");
    }

    @Test
    void contextAfterLongerThan200CharactersIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("contextAfter", "c".repeat(201))), "contextAfter");
    }

    @Test
    void commentLongerThan1000CharactersIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("comment", "d".repeat(1001))), "comment");
    }

    @Test
    void pageTitleLongerThan500CharactersIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("pageTitle", "e".repeat(501))), "pageTitle");
    }

    @Test
    void languageThatIsNotALanguageTagIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("lang", "en_US!")), "lang");
    }

    @Test
    void languageLongerThan35CharactersIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("lang", "en" + "-abcdefgh".repeat(4))), "lang");
    }

    @Test
    void pageUrlIsRequired() throws Exception {
        Map<String, Object> report = validReport();
        report.remove("pageUrl");
        expectInvalid(submit(report), "pageUrl");
    }

    @Test
    void pageUrlThatIsNotAbsoluteHttpIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("pageUrl", "ftp://news.example/story")), "pageUrl");
        expectInvalid(submit(validReportWith("pageUrl", "/story?id=7")), "pageUrl");
    }

    /** JSON may escape half a character ("\\ud800"), which no address can carry: a client error, never a 500. */
    @Test
    void pageUrlWithALoneSurrogateIsRejected() throws Exception {
        String body = json.writeValueAsString(validReport()).replace("story?id=7", "story\\ud800?id=7");
        assertThat(body).contains("\\ud800");
        expectInvalid(submitRaw(body, MediaType.APPLICATION_JSON), "pageUrl")
                .andExpect(jsonPath("$.errors.pageUrl").value("must be an absolute http(s) URL"));
    }

    @Test
    void pageUrlLongerThan2048CharactersIsRejected() throws Exception {
        // said once: it is too long as sent, so as stored too
        expectInvalid(submit(validReportWith("pageUrl", "https://news.example/" + "p".repeat(2048))), "pageUrl")
                .andExpect(jsonPath("$.errors.pageUrl").value("must be at most 2048 characters"));
    }

    /** The worker stores the address as browsers send it, where a Cyrillic letter takes six characters. */
    @Test
    void pageUrlLongerThan2048CharactersAsBrowsersSendItIsRejected() throws Exception {
        String cyrillic = "http://localhost:8080/" + "я".repeat(340);
        expectInvalid(submit(validReportWith("pageUrl", cyrillic)), "pageUrl")
                .andExpect(jsonPath("$.errors.pageUrl").value("must be at most 2048 characters as browsers send it "
                        + "(percent-encoded, a Cyrillic letter takes 6)"));
        submit(validReportWith("pageUrl", "http://localhost:8080/" + "я".repeat(337))).andExpect(status().isAccepted());
    }

    @Test
    void pageUrlOfAnOriginNotAllowedIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("pageUrl", "https://elsewhere.example/story")), "pageUrl")
                .andExpect(jsonPath("$.errors.pageUrl").value("must be a page of an allowed origin"));
    }

    @Test
    void pageUrlOfAnAllowedOriginInAnotherSpellingIsAccepted() throws Exception {
        submit(validReportWith("pageUrl", "HTTPS://News.Example:443/story#top")).andExpect(status().isAccepted());
    }

    @Test
    void controlCharacterInSelectionIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("selection", "Kazak\u0007stan")), "selection");
    }

    @Test
    void controlCharacterInContextOrCommentIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("contextBefore", "The \u0000capital")), "contextBefore");
        expectInvalid(submit(validReportWith("contextAfter", " is\u0085 Astana")), "contextAfter");
        expectInvalid(submit(validReportWith("comment", "typo\u001b[31m")), "comment");
    }

    @Test
    void tabsAndLineBreaksInReaderTextAreAccepted() throws Exception {
        submit(validReportWith("comment", "line one\r\nline two\tend")).andExpect(status().isAccepted());
    }

    @Test
    void anyControlCharacterInTitleLanguageOrUrlIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("pageTitle", "News\tof the day")), "pageTitle");
        expectInvalid(submit(validReportWith("lang", "en\n")), "lang");
        expectInvalid(submit(validReportWith("pageUrl", "https://news.example/story\n")), "pageUrl");
    }

    @Test
    void reportIdThatIsNotAUuidIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("reportId", "not-a-uuid")), "reportId")
                .andExpect(jsonPath("$.errors.reportId").value("must be a UUID"));
    }

    @Test
    void wrongJsonTypeIsRejected() throws Exception {
        expectInvalid(submit(validReportWith("selection", Map.of("text", "Kazakstan"))), "selection");
        expectInvalid(submit(validReportWith("comment", new String[] { "typo" })), "comment");
        expectInvalid(submit(validReportWith("pageTitle", 42)), "pageTitle")
                .andExpect(jsonPath("$.errors.pageTitle").value("must be a string"));
        expectInvalid(submit(validReportWith("lang", true)), "lang");
        expectInvalid(submit(validReportWith("reportId", 7)), "reportId");
    }

    @Test
    void malformedJsonIsABadRequestThatSaysWhereTheParserStopped() throws Exception {
        expectProblem(submitRaw("{\"pageUrl\": \"https://news.example/story\",\n \"selection\": \"Kazak", MediaType.APPLICATION_JSON), 400)
                .andExpect(jsonPath("$.detail").value("The request body is not readable JSON: the parser stopped at line 2, column 21."));
        expectProblem(submitRaw("{\"selection\": \"Kazakstan\",}", MediaType.APPLICATION_JSON), 400)
                .andExpect(jsonPath("$.detail").value("The request body is not readable JSON: the parser stopped at line 1, column 27."));
        expectProblem(submitRaw("[1, 2]", MediaType.APPLICATION_JSON), 400).andExpect(jsonPath("$.detail")
                .value("The request body is not a JSON object: send the report as one, {\"pageUrl\": ..., \"selection\": ...}."));
        expectProblem(submitRaw("\"Kazakstan\"", MediaType.APPLICATION_JSON), 400).andExpect(jsonPath("$.detail")
                .value("The request body is not a JSON object: send the report as one, {\"pageUrl\": ..., \"selection\": ...}."));
        expectProblem(submitRaw("", MediaType.APPLICATION_JSON), 400).andExpect(jsonPath("$.detail")
                .value("The request body holds no report: send the report as a JSON object."));
        expectProblem(submitRaw("null", MediaType.APPLICATION_JSON), 400).andExpect(jsonPath("$.detail")
                .value("The request body holds no report: send the report as a JSON object."));
        verify(publisher, never()).publish(any());
    }

    @Test
    void aBodyNotInUtf8OrCompressedSaysSo() throws Exception {
        byte[] latin1 = "{\"pageUrl\": \"https://news.example/story\", \"selection\": \"caf\u00e9\"}"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        expectProblem(perform(post(REPORTS).contentType(MediaType.APPLICATION_JSON).content(latin1)), 400)
                .andExpect(jsonPath("$.detail").value("The request body is not UTF-8 text: the parser stopped at line 1, "
                        + "column 62. Send the report as JSON in UTF-8."));
        byte[] gzipped;
        try (java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
                java.util.zip.GZIPOutputStream gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            gzip.write(json.writeValueAsBytes(validReport()));
            gzip.finish();
            gzipped = bytes.toByteArray();
        }
        expectProblem(perform(post(REPORTS).contentType(MediaType.APPLICATION_JSON).header("Content-Encoding", "gzip")
                .content(gzipped)), 415)
                .andExpect(header().string("Accept-Encoding", "identity"))
                .andExpect(jsonPath("$.detail").value("The request body is compressed (Content-Encoding: gzip), which the "
                        + "intake does not read: send the report uncompressed."));
        verify(publisher, never()).publish(any());
    }

    @Test
    void bodyOver16KibWithContentLengthIsTooLarge() throws Exception {
        expectProblem(submit(validReportWith("comment", "x".repeat(16 * 1024))), 413);
        verify(publisher, never()).publish(any());
    }

    @Test
    void unsupportedMediaTypeIsRejectedWithWhatToSend() throws Exception {
        expectProblem(submitRaw(json.writeValueAsString(validReport()), MediaType.TEXT_PLAIN), 415)
                .andExpect(jsonPath("$.detail").value("Content-Type 'text/plain' is not supported: send the report as JSON, "
                        + "with Content-Type: application/json."));
        // curl -d without -H sends a form's type
        expectProblem(submitRaw(json.writeValueAsString(validReport()), MediaType.APPLICATION_FORM_URLENCODED), 415)
                .andExpect(jsonPath("$.detail").value("Content-Type 'application/x-www-form-urlencoded' is not supported: "
                        + "send the report as JSON, with Content-Type: application/json."));
        expectProblem(perform(post(REPORTS).content(json.writeValueAsString(validReport()))), 415)
                .andExpect(jsonPath("$.detail").value("The request has no Content-Type: send the report as JSON, "
                        + "with Content-Type: application/json."));
        verify(publisher, never()).publish(any());
    }

    /** Refused before it is published: a 406 after the broker took the report would make the client send it again. */
    @Test
    void aClientThatTakesNoJsonIsRefusedBeforeTheReportIsPublished() throws Exception {
        perform(postOf(validReport()).accept(MediaType.TEXT_HTML)).andExpect(status().isNotAcceptable());
        verify(publisher, never()).publish(any());
    }

    @Test
    void wrongMethodIsRejected() throws Exception {
        expectProblem(perform(get(REPORTS)), 405);
    }

    @Test
    void brokerUnavailableIsServiceUnavailableWithRetryAfter() throws Exception {
        given(publisher.publish(any())).willReturn(CompletableFuture.failedFuture(
                new ReportNotPublishedException(REPORT_ID, Duration.ofSeconds(5), new RuntimeException("broker down"))));

        expectProblem(submit(validReport()), 503).andExpect(header().string(HttpHeaders.RETRY_AFTER, "5"))
                .andExpect(content().string(not(containsString("broker down"))));
    }

    @Test
    void unexpectedFailureIsAGenericServerErrorWithoutDetails() throws Exception {
        given(publisher.publish(any())).willReturn(CompletableFuture.failedFuture(new IllegalStateException("secret internals")));

        expectProblem(submit(validReport()), 500)
                .andExpect(jsonPath("$.detail").value("The request could not be processed."))
                .andExpect(content().string(not(containsString("secret"))))
                .andExpect(content().string(not(containsString("IllegalStateException"))));
    }

    @Test
    void preflightFromAnAllowedOriginIsAllowed() throws Exception {
        perform(preflightFrom("https://news.example").header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "content-type"))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://news.example"))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, containsString("POST")));
    }

    @Test
    void preflightFromAnotherOriginIsRefused() throws Exception {
        perform(preflightFrom("https://elsewhere.example"))
                .andExpect(status().isForbidden())
                .andExpect(header().doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN));
    }

    @Test
    void crossOriginPostFromAnAllowedOriginCarriesTheCorsHeader() throws Exception {
        perform(postOf(validReport()).header(HttpHeaders.ORIGIN, "https://news.example"))
                .andExpect(status().isAccepted())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://news.example"));
    }

    @Test
    void crossOriginWidgetCanReadRetryAfterOf503() throws Exception {
        given(publisher.publish(any())).willReturn(CompletableFuture.failedFuture(
                new ReportNotPublishedException(REPORT_ID, Duration.ofSeconds(5), new RuntimeException("broker down"))));

        perform(postOf(validReport()).header(HttpHeaders.ORIGIN, "https://news.example"))
                .andExpect(status().isServiceUnavailable())
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://news.example"))
                .andExpect(header().string(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, containsString("Retry-After")));
    }

    private Map<String, Object> validReport() {
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("pageUrl", "https://news.example/story?id=7&utm_source=x");
        report.put("pageTitle", "News of the day");
        report.put("lang", "en");
        report.put("selection", "Kazakstan");
        report.put("contextBefore", "The capital of ");
        report.put("contextAfter", " is Astana.");
        report.put("comment", "Kazakhstan");
        return report;
    }

    private Map<String, Object> validReportWith(String field, Object value) {
        Map<String, Object> report = validReport();
        report.put(field, value);
        return report;
    }

    private ResultActions submit(Map<String, Object> report) throws Exception {
        return perform(postOf(report));
    }

    private ResultActions submitRaw(String body, MediaType type) throws Exception {
        return perform(post(REPORTS).contentType(type).content(body));
    }

    /** The report as a JSON POST to the endpoint, for a test to add headers to. */
    private MockHttpServletRequestBuilder postOf(Map<String, Object> report) {
        return post(REPORTS).contentType(MediaType.APPLICATION_JSON).content(json.writeValueAsString(report));
    }

    /** A CORS preflight for a POST from the origin. */
    private MockHttpServletRequestBuilder preflightFrom(String origin) {
        return options(REPORTS).header(HttpHeaders.ORIGIN, origin).header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST");
    }

    private ResultActions expectInvalid(ResultActions result, String field) throws Exception {
        return expectProblem(result, 400)
                .andExpect(jsonPath("$.errors." + field).isString())
                .andExpect(jsonPath("$.detail").value(containsString(field + ": ")));
    }

    private ResultActions expectProblem(ResultActions result, int status) throws Exception {
        return result.andExpect(status().is(status))
                .andExpect(content().contentTypeCompatibleWith(PROBLEM))
                .andExpect(jsonPath("$.status").value(status))
                .andExpect(jsonPath("$.title").isString())
                .andExpect(content().string(not(containsString("Exception"))))
                .andExpect(content().string(not(containsString("io.github"))));
    }

    private SpellingErrorReported publishedEvent() {
        ArgumentCaptor<SpellingErrorReported> event = ArgumentCaptor.forClass(SpellingErrorReported.class);
        verify(publisher).publish(event.capture());
        return event.getValue();
    }

    /** Performs a request and, when the controller answered asynchronously, the dispatch that writes the answer. */
    private ResultActions perform(RequestBuilder request) throws Exception {
        ResultActions first = mvc.perform(request);
        MvcResult started = first.andReturn();
        return started.getRequest().isAsyncStarted() ? mvc.perform(asyncDispatch(started)) : first;
    }

}
