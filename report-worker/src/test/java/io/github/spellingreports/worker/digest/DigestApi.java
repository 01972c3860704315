package io.github.spellingreports.worker.digest;

import java.util.Map;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/**
 * The digest API as an administrator calls it.
 */
final class DigestApi {

    private final RestClient client;

    DigestApi(int port, String username, String password) {
        this.client = RestClient.builder().baseUrl("http://127.0.0.1:" + port)
                .defaultHeaders((headers) -> headers.setBasicAuth(username, password)).build();
    }

    Response create() {
        return this.client.post().uri("/api/v1/digests").exchange((request, response) ->
                new Response(response.getStatusCode(), response.getHeaders().getFirst("Location"), body(response)));
    }

    Response find(String id) {
        return this.client.get().uri("/api/v1/digests/{id}", id).exchange((request, response) ->
                new Response(response.getStatusCode(), null, body(response)));
    }

    private static Map<String, Object> body(RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse response) {
        Map<String, Object> body = response.bodyTo(new ParameterizedTypeReference<Map<String, Object>>() { });
        return (body != null) ? body : Map.of();
    }

    /**
     * An answer of the API.
     *
     * @param status the HTTP status
     * @param location the Location header, may be {@code null}
     * @param body the JSON body, empty when there was none
     */
    record Response(HttpStatusCode status, String location, Map<String, Object> body) {

        long digestId() {
            return ((Number) this.body.get("digestId")).longValue();
        }

    }

}
