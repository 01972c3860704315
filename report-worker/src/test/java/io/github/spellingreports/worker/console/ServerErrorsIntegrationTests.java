package io.github.spellingreports.worker.console;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests refused before any controller sees them (Spring Security's firewall: a ';', '//', an
 * encoded '..' in the address) get what every other error gets: a problem detail from the API, a
 * console page in a browser; never Spring Boot's own error JSON or its whitelabel page.
 */
class ServerErrorsIntegrationTests extends WorkerIntegrationTestSupport {

    @LocalServerPort
    int port;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theApiAnswersARefusedAddressWithAProblemDetail() throws Exception {
        for (String path : new String[] { "/api/v1/errors;x=1", "/api/v1//errors", "/api/v1/errors/%2e%2e/lag" }) {
            HttpResponse<String> answer = get(path, "application/json");
            assertThat(answer.statusCode()).as(path).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type")).as(path).hasValue("application/problem+json");
            // the API's shape (its problem details leave the type out: about:blank)
            assertThat(answer.body()).as(path).isEqualTo("{\"detail\":\"The request's address holds what this server "
                    + "refuses (a ';', '//', an encoded '/' or '..', a control character), or the request could not be read.\","
                    + "\"instance\":\"" + path + "\",\"status\":400,\"title\":\"Bad Request\"}");
        }
    }

    @Test
    void aBrowserGetsAConsolePageForARefusedAddress() throws Exception {
        HttpResponse<String> answer = get("/console/queue;jsessionid=0123456789ABCDEF", "text/html,*/*;q=0.8");
        assertThat(answer.statusCode()).isEqualTo(400);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("text/html"));
        assertThat(answer.body()).contains("<title>Bad request · Spelling reports</title>", "Back to the queue",
                "The request&#39;s address holds what this server refuses").doesNotContain("Whitelabel");
    }

    @Test
    void theErrorAddressItselfIsNotAPage() throws Exception {
        HttpResponse<String> answer = get("/error", "application/json");
        assertThat(answer.statusCode()).isEqualTo(404);
        assertThat(answer.body()).contains("\"detail\":\"There is nothing at this address.\"");
    }

    private HttpResponse<String> get(String path, String accept) throws Exception {
        String login = Base64.getEncoder().encodeToString((ADMIN_USERNAME + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
        return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
                .header("Accept", accept).header("Authorization", "Basic " + login).build(),
                HttpResponse.BodyHandlers.ofString());
    }

}
