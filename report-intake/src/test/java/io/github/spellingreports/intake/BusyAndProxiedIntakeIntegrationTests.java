package io.github.spellingreports.intake;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Refusals before a report is read, over real HTTP: the global ceiling, and a reader's address as a
 * container set to {@code server.forward-headers-strategy=native} (the standalone behind its nginx)
 * gives it. Invalid reports are enough, since the limits apply before the body is read: no broker.
 */
class BusyAndProxiedIntakeIntegrationTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static HttpResponse<String> post(int port, String forwardedFor) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/reports"))
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Over the global ceiling, a reader within its own limits is told to send again later, not that it sent too many. */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "spelling.intake.allowed-origins=https://news.example",
            "spelling.intake.trusted-proxies=127.0.0.1",
            "spelling.intake.rate-limit.per-client=1/1h",
            "spelling.intake.rate-limit.global=3/1h",
            "spring.kafka.admin.auto-create=false" })
    class GlobalCeiling {

        @LocalServerPort
        private int port;

        @Test
        void aReaderRefusedOnlyByTheGlobalCeilingGets503WithRetryAfterAndAReaderOverItsOwnLimit429() throws Exception {
            assertThat(post(port, "198.51.100.1").statusCode()).isEqualTo(400);
            HttpResponse<String> tooMany = post(port, "198.51.100.1");
            assertThat(tooMany.statusCode()).as(tooMany.body()).isEqualTo(429);
            assertThat(tooMany.body()).contains("You have sent many reports");
            assertThat(post(port, "198.51.100.2").statusCode()).isEqualTo(400);
            assertThat(post(port, "198.51.100.3").statusCode()).isEqualTo(400);

            HttpResponse<String> busy = post(port, "198.51.100.4");

            assertThat(busy.statusCode()).as(busy.body()).isEqualTo(503);
            assertThat(busy.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(busy.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Long.parseLong(seconds)).isPositive());
            assertThat(busy.body()).contains("Many readers are sending reports right now")
                    .doesNotContain("You have sent many reports");
        }

    }

    /**
     * Tomcat's RemoteIpValve copies the forwarded-for hop it stops at into the request's remote address
     * without checking that it is an address: a proxy that forwards {@code unknown} (Squid with
     * {@code forwarded_for off}) or a reader who writes anything must still get an answer, not a 500.
     */
    @Nested
    @SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
            "spelling.intake.allowed-origins=https://news.example",
            "server.forward-headers-strategy=native",
            "spring.kafka.admin.auto-create=false" })
    class NativeForwardedHeaders {

        @LocalServerPort
        private int port;

        @Test
        void aForwardedForThatIsNotAnAddressIsAnsweredLikeAnyOtherRequest() throws Exception {
            for (String forwardedFor : new String[] { "unknown", "unknown, 192.168.1.5", "not an address", "_hidden" }) {
                HttpResponse<String> answer = post(port, forwardedFor);
                assertThat(answer.statusCode()).as("X-Forwarded-For: %s: %s", forwardedFor, answer.body()).isEqualTo(400);
                assertThat(answer.body()).contains("\"status\":400");
            }
        }

    }

}
