package io.github.spellingreports.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.spellingreports.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parameters Tomcat cannot read ({@code ?q=%FF}, text percent-encoded in windows-1251, more of them
 * than it reads), on a real embedded Tomcat, with an application that answers any exception with a
 * 500 as the services' advice does: Tomcat hands the application the failure only when it asks for a
 * parameter, by then a 500; the answer is a 400 that says what is wrong.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1",
    "server.tomcat.max-parameter-count=20", "server.tomcat.max-http-form-post-size=1KB", "management.server.port=0", "management.server.address=127.0.0.1",
    "management.endpoints.web.exposure.include=health,metrics" })
class UnreadableParametersIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Test
    void aParameterThatIsNotUtf8GetsAProblemDetailThatSaysToEncodeItInUtf8() {
        RawHttp.Response response = RawHttp.send(this.port, "GET /search?q=%FF HTTP/1.1", "Accept: */*");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json;charset=UTF-8");
        assertThat(response.body()).isEqualTo("{\"detail\":\"A parameter of the request is not text in UTF-8: its "
                + "percent-encoded bytes (%FF, say, or a word encoded in windows-1251) are not characters. Encode "
                + "parameters in UTF-8, as browsers do (curl does with -G --data-urlencode 'q=...').\","
                + "\"instance\":\"/search\",\"status\":400,\"title\":\"Bad Request\"}");
    }

    @Test
    void aWordEncodedInWindows1251IsNotUtf8() {
        // "превет" as an old Russian site's link encodes it
        RawHttp.Response response = RawHttp.send(this.port, "GET /search?q=%EF%F0%E5%E2%E5%F2 HTTP/1.1");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"detail\":\"A parameter of the request is not text in UTF-8");
    }

    @Test
    void aFormThatIsNotUtf8IsRefusedAlike() throws Exception {
        HttpResponse<String> response = postForm("name=%C3%28x");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).startsWith("{\"detail\":\"A parameter of the request is not text in UTF-8")
                .contains("\"instance\":\"/form\"");
    }

    @Test
    void moreParametersThanTheServerReadsGetAProblemDetail() {
        RawHttp.Response response = RawHttp.send(this.port, "GET /search?q=a" + "&x=1".repeat(25) + " HTTP/1.1");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("{\"detail\":\"The request has more parameters than the server reads.\","
                + "\"instance\":\"/search\",\"status\":400,\"title\":\"Bad Request\"}");
    }

    @Test
    void aFormLargerThanTheServerReadsIsTooLarge() throws Exception {
        HttpResponse<String> response = postForm("name=" + "x".repeat(2000));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.body()).isEqualTo("{\"detail\":\"The request's form is larger than the server reads.\","
                + "\"instance\":\"/form\",\"status\":413,\"title\":\"Content Too Large\"}");
    }

    @Test
    void aBrowserGetsAPageThatSaysTheLinkIsWrong() {
        RawHttp.Response response = RawHttp.send(this.port, "GET /search?q=%FF HTTP/1.1",
                "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
        assertThat(response.header("Content-Security-Policy")).startsWith("default-src 'none'; style-src 'unsafe-inline';")
                .contains("frame-ancestors 'none'");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(response.body()).startsWith("<!doctype html>").contains("<title>Bad Request</title>")
                .contains("<p>The address of this page holds text this server cannot read (a link written for another "
                        + "character set, perhaps). Check the link, or go to the page from the site itself.</p>");
    }

    @Test
    void theActuatorsOwnPortAnswersAlike() {
        RawHttp.Response response = RawHttp.send(this.managementPort, "GET /actuator/metrics/jvm.info?tag=%FF HTTP/1.1");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).startsWith("{\"detail\":\"A parameter of the request is not text in UTF-8");
    }

    @Test
    void readableParametersReachTheApplication() throws Exception {
        assertThat(RawHttp.send(this.port, "GET /search?q=%D0%BF%D1%80%D0%B5%D0%B2%D0%B5%D1%82 HTTP/1.1").body())
                .isEqualTo("found превет");
        assertThat(postForm("name=%D0%BF").body()).isEqualTo("posted п");
        assertThat(RawHttp.send(this.port, "GET /search?q=a" + "&x=1".repeat(19) + " HTTP/1.1").body())
                .isEqualTo("found a");
    }

    private HttpResponse<String> postForm(String form) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/form"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SpringBootApplication
    @RestController
    static class Application {

        @GetMapping("/search")
        String search(@RequestParam String q) {
            return "found " + q;
        }

        @PostMapping("/form")
        String form(@RequestParam String name) {
            return "posted " + name;
        }

        /** What the services' advice does with an exception it does not know. */
        @ExceptionHandler
        ProblemDetail failed(Exception ex) {
            return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "The request could not be processed.");
        }

    }

}
