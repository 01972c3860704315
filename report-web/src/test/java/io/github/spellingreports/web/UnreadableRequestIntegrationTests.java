package io.github.spellingreports.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.spellingreports.testsupport.RawHttp;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spring Boot application on its real embedded Tomcat, with Boot's own error report valve
 * configured as in the services, answering requests Tomcat cannot read.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT, properties = { "server.address=127.0.0.1",
    "management.server.port=0", "management.server.address=127.0.0.1" })
class UnreadableRequestIntegrationTests {

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @Test
    void anAddressWithRawUtf8GetsAProblemDetailThatSaysToEncodeIt() {
        // what curl sends for: curl 'http://host/api/v1/errors?q=превет'
        RawHttp.Response response = RawHttp.send(this.port, "GET /api/v1/errors?q=превет HTTP/1.1", "Accept: */*");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json;charset=UTF-8");
        assertThat(response.body()).isEqualTo("{\"detail\":\"The request is not valid HTTP and was not read. An address "
                + "must percent-encode a space, a letter outside ASCII (Cyrillic, say), a quote or a brace, as browsers do "
                + "(curl does with -G --data-urlencode 'q=...'); headers must be well-formed and no larger than the server "
                + "reads.\",\"status\":400,\"title\":\"Bad Request\"}");
        assertThat(response.header("Server")).isNull();
    }

    @Test
    void theActuatorsOwnPortAnswersAlike() {
        RawHttp.Response response = RawHttp.send(this.managementPort, "GET /actuator/health?q=превет HTTP/1.1");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).startsWith("{\"detail\":\"The request is not valid HTTP and was not read.");
        assertThat(RawHttp.send(this.managementPort, "GET /actuator/health HTTP/1.1").body()).contains("\"status\":\"UP\"");
    }

    @Test
    void headersLargerThanTheServerReadsGetAProblemDetailNamingTheAddress() {
        RawHttp.Response response = RawHttp.send(this.port, "GET /hello HTTP/1.1", "Accept: application/json",
                "Cookie: c=" + "x".repeat(20_000));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).startsWith("{\"detail\":\"The request is not valid HTTP and was not read.")
                .endsWith("\"instance\":\"/hello\",\"status\":400,\"title\":\"Bad Request\"}");
    }

    @Test
    void aBrowserWithTooManyCookiesGetsAPageThatSaysWhatToDo() {
        RawHttp.Response response = RawHttp.send(this.port, "GET /hello HTTP/1.1",
                "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "Cookie: c=" + "x".repeat(20_000));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("text/html;charset=UTF-8");
        assertThat(response.header("Content-Security-Policy")).startsWith("default-src 'none'; style-src 'unsafe-inline';");
        assertThat(response.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(response.header("Cache-Control")).isEqualTo("no-store");
        assertThat(response.body()).startsWith("<!doctype html><html lang=\"en\">")
                .contains("<title>Bad Request</title>")
                .contains("<p>Your browser sent a request this server cannot read, most likely because it holds too many "
                        + "or too large cookies for this site. Delete this site&#39;s cookies and try again.</p>")
                .doesNotContain("Tomcat");
    }

    @Test
    void aMalformedRequestLineGetsAProblemDetail() {
        RawHttp.Response response = RawHttp.send(this.port, "GET /hello HTTP/1.1 extra");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"Bad Request\"");
    }

    @Test
    void theApplicationsOwnAnswersPassUnchanged() {
        assertThat(RawHttp.send(this.port, "GET /hello?name=%D0%BF HTTP/1.1").body()).isEqualTo("hello п");
        RawHttp.Response refused = RawHttp.send(this.port, "GET /refused HTTP/1.1");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).isEqualTo("the application's own words");
    }

    @Test
    void anEmptyAnswerOfTheApplicationPassesUnchanged() {
        RawHttp.Response response = RawHttp.send(this.port, "GET /empty HTTP/1.1");

        assertThat(response.status()).isEqualTo(418);
        assertThat(response.body()).isEmpty();
    }

    @Test
    void anotherRefusalOfTheServerIsNamedByItsStatus() {
        RawHttp.Response response = RawHttp.send(this.port, "GET /hello HTTP/2.1");

        assertThat(response.status()).isEqualTo(505);
        assertThat(response.body()).isEqualTo("{\"detail\":\"HTTP Version not supported: the request could not be served.\","
                + "\"instance\":\"/hello\",\"status\":505,\"title\":\"HTTP Version not supported\"}");
    }

    @Test
    void jsonStringsEscapeQuotesBackslashesAndControlCharacters() {
        assertThat(ErrorAnswers.quoted("a\"b\\c\nd\u2028é")).isEqualTo("\"a\\\"b\\\\c\\u000ad\\u2028é\"");
    }

    @SpringBootApplication
    @RestController
    static class Application {

        @GetMapping("/hello")
        String hello(@RequestParam(defaultValue = "") String name) {
            return "hello " + name;
        }

        @GetMapping("/refused")
        ResponseEntity<String> refused() {
            return ResponseEntity.status(HttpStatus.CONFLICT).body("the application's own words");
        }

        @GetMapping("/empty")
        ResponseEntity<Void> empty() {
            return ResponseEntity.status(HttpStatus.I_AM_A_TEAPOT).build();
        }

    }

}
