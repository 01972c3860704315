package io.github.spellingreports.worker.queue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * The queue API through real HTTP with the admin login, as the console and scripts use it.
 */
final class QueueApi {

    private final RestClient client;

    private final RestClient anonymous;

    QueueApi(int port, String username, String password) {
        this.anonymous = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        this.client = this.anonymous.mutate().defaultHeaders(headers -> headers.setBasicAuth(username, password)).build();
    }

    PageView page(String query) {
        return this.client.get().uri("/api/v1/errors" + query).retrieve().body(PageView.class);
    }

    /** @return the queued error with this page URL among the first 100 new ones */
    Optional<ErrorView> find(String pageUrl) {
        return page("?status=NEW&size=100").content().stream().filter(error -> error.pageUrl().equals(pageUrl)).findFirst();
    }

    Response get(String uri) {
        return exchange(this.client, uri);
    }

    Response getAnonymously(String uri) {
        return exchange(this.anonymous, uri);
    }

    private static Response exchange(RestClient client, String uri) {
        return client.get().uri(uri).exchange((request, response) -> new Response(response.getStatusCode().value(),
                response.getHeaders().getContentType(), response.bodyTo(String.class)), true);
    }

    record Response(int status, MediaType contentType, String body) {
    }

    record PageView(List<ErrorView> content, int page, int size, long totalElements, int totalPages) {
    }

    record ErrorView(long id, String pageUrl, String pageTitle, String selection, String contextBefore,
            String contextAfter, int reportCount, List<String> comments, String lang, String status,
            Instant firstReportedAt, Instant lastReportedAt) {
    }

}
