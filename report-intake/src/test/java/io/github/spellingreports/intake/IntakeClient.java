package io.github.spellingreports.intake;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Posts reports to a running intake over real HTTP and hands back whatever it answered, errors included.
 */
final class IntakeClient {

    private final RestClient http;

    IntakeClient(int port) {
        this.http = RestClient.create("http://127.0.0.1:" + port);
    }

    Answer postReport(String json) {
        return http.post().uri("/api/v1/reports").contentType(MediaType.APPLICATION_JSON).body(json)
                .exchange((request, response) -> new Answer(response.getStatusCode().value(), response.getHeaders(),
                        readBody(response.getBody().readAllBytes())));
    }

    static String report(String reportIdJson, String selection) {
        return """
                {%s"pageUrl": "https://news.example/story?id=7&utm_source=feed",
                 "pageTitle": "News of the day", "lang": "en",
                 "selection": "%s", "contextBefore": "The capital of ", "contextAfter": " is Astana.",
                 "comment": "Kazakhstan"}
                """.formatted(reportIdJson == null ? "" : "\"reportId\": \"" + reportIdJson + "\", ", selection);
    }

    private static String readBody(byte[] body) throws IOException {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** What the intake answered. */
    record Answer(int status, HttpHeaders headers, String body) {
    }

}
