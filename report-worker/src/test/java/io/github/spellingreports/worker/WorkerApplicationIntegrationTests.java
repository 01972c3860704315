package io.github.spellingreports.worker;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import io.github.spellingreports.testsupport.RawHttp;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class WorkerApplicationIntegrationTests extends WorkerIntegrationTestSupport {

    @LocalServerPort
    int port;

    // Actuator runs on its own port (management.server.port; random in tests)
    @LocalManagementPort
    int managementPort;

    @Autowired
    DataSource dataSource;

    @Autowired
    Flyway flyway;

    private RestClient client() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    private RestClient management() {
        return RestClient.builder().baseUrl("http://127.0.0.1:" + managementPort).build();
    }

    @Test
    void pooledConnectionsGiveUpAStatementAfterTheDefaultSocketTimeoutButMigrationsDoNot() throws SQLException {
        try (Connection connection = this.dataSource.getConnection()) {
            assertThat(connection.getNetworkTimeout()).isEqualTo(30_000);
        }
        try (Connection migrations = this.flyway.getConfiguration().getDataSource().getConnection()) {
            assertThat(migrations.getNetworkTimeout()).isZero();
        }
    }

    @Test
    void healthIsOpenToProbes() {
        ResponseEntity<String> health = management().get().uri("/actuator/health").retrieve().toEntity(String.class);
        assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(health.getBody()).contains("\"status\":\"UP\"");
    }

    @Test
    void apiWithoutLoginGetsAProblemDetailAndABasicChallenge() {
        ResponseEntity<String> anonymous = client().get().uri("/api/v1/errors")
                .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders())
                        .body(new String(response.getBody().readAllBytes())));
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(anonymous.getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Basic");
        assertThat(anonymous.getBody()).contains("\"status\":401");
    }

    /** curl sends what is typed: Tomcat cannot read such an address, and its answer is the API's kind. */
    @Test
    void anAddressWithRawCyrillicGetsAProblemDetail(CapturedOutput output) {
        RawHttp.Response response = RawHttp.send(port, "GET /api/v1/errors?q=превет HTTP/1.1", "Accept: */*");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.body()).contains("\"title\":\"Bad Request\"").contains("percent-encode")
                .doesNotContain("Tomcat").doesNotContain("<html");
        assertThat(output).as("the client's mistake, not the server's: no stack trace in the log")
                .doesNotContain("Error parsing HTTP request header");
    }

    /**
     * A link written for windows-1251, as old Russian sites encode their links, or a stray %FF: Tomcat
     * reads parameters when a controller first asks for them, and the API and the console answered
     * its failure with a 500.
     */
    @Test
    void aParameterThatIsNotUtf8GetsAProblemDetailOrAPage() {
        String login = "Authorization: Basic " + HttpHeaders.encodeBasicAuth(ADMIN_USERNAME, ADMIN_PASSWORD, null);
        RawHttp.Response api = RawHttp.send(port, "GET /api/v1/errors?q=%EF%F0%E5%E2%E5%F2 HTTP/1.1", login);

        assertThat(api.status()).isEqualTo(400);
        assertThat(api.header("Content-Type")).startsWith("application/problem+json");
        assertThat(api.body()).contains("\"detail\":\"A parameter of the request is not text in UTF-8")
                .contains("\"instance\":\"/api/v1/errors\"");

        RawHttp.Response page = RawHttp.send(port, "GET /console/queue?pageUrl=%ED%A0%80 HTTP/1.1", login,
                "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.header("Content-Type")).startsWith("text/html");
        assertThat(page.body()).contains("The address of this page holds text this server cannot read");

        RawHttp.Response metrics = RawHttp.send(managementPort, "GET /actuator/prometheus?includedNames=%FF HTTP/1.1",
                login);
        assertThat(metrics.status()).as("the actuator's own port").isEqualTo(400);
    }

    /** Which build a worker runs (two workers mid-upgrade may differ): its artifact, version and build time. */
    @Test
    void infoSaysWhichBuildRuns() {
        String info = management().get().uri("/actuator/info")
                .headers((headers) -> headers.setBasicAuth(ADMIN_USERNAME, ADMIN_PASSWORD))
                .retrieve().body(String.class);
        assertThat(info).containsPattern("\"build\":\\{[^}]*\"artifact\":\"report-worker\"")
                .containsPattern("\"version\":\"[0-9][^\"]*\"").containsPattern("\"time\":\"20[0-9-]+T");
    }

    /** Editors are refused the actuator: the challenge names the accounts that may read it. */
    @Test
    void theActuatorsChallengeNamesTheAccountsThatReadIt() {
        RawHttp.Response metrics = RawHttp.send(managementPort, "GET /actuator/prometheus HTTP/1.1");
        assertThat(metrics.status()).isEqualTo(401);
        assertThat(metrics.header("WWW-Authenticate")).startsWith("Basic");
        assertThat(metrics.body()).contains("\"detail\":\"Log in with an admin account or the metrics account (HTTP Basic).\"");
        RawHttp.Response api = RawHttp.send(port, "GET /api/v1/errors HTTP/1.1");
        assertThat(api.status()).isEqualTo(401);
        assertThat(api.body()).contains("\"detail\":\"Log in with an editor or admin account (HTTP Basic).\"");
    }

    @Test
    void prometheusMetricsNeedTheAdminAndAreServed() {
        String metrics = management().get().uri("/actuator/prometheus")
                .headers((headers) -> headers.setBasicAuth(ADMIN_USERNAME, ADMIN_PASSWORD))
                .retrieve().body(String.class);
        assertThat(metrics).contains("jvm_memory_used_bytes");
    }

}
