package io.github.spellingreports.worker;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerApplicationIntegrationTests extends WorkerIntegrationTestSupport {

    @LocalServerPort
    int port;

    @Test
    void healthIsOpenAndTheApiNeedsALogin() {
        RestClient client = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        ResponseEntity<String> health = client.get().uri("/actuator/health").retrieve().toEntity(String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        HttpStatus anonymous = client.get().uri("/api/v1/errors").exchange((request, response) -> HttpStatus.valueOf(response.getStatusCode().value()));
        assertThat(anonymous).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

}
