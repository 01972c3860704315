package io.github.spellingreports.worker.digest;

import java.time.Duration;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import io.github.spellingreports.worker.EmbeddedPostgresSupport;
import io.github.spellingreports.worker.MailSenders;
import io.github.spellingreports.testsupport.LoopbackPorts;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * SMTP down, then back. A context of its own: its mail server is a port nobody listens on until
 * the test starts GreenMail there, and its database is a separate one on the shared PostgreSQL
 * server, so the shared context's resend poll cannot deliver this test's digest.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = { "spelling.digest.enabled=false", "spelling.digest.retry-initial-interval=300ms",
        "spelling.digest.retry-max-interval=1s", "spelling.digest.retry-interval=100ms" })
class DigestSmtpOutageIntegrationTests extends WorkerIntegrationTestSupport {

    private static final String DATABASE = "digest_outage";

    private static final int SMTP_PORT = LoopbackPorts.free();

    /**
     * Beans rather than properties: the base class's dynamic {@code spring.mail.port} and
     * {@code spring.datasource.url} take precedence over anything a subclass registers.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class OutageInfrastructure {

        @Bean
        JavaMailSenderImpl mailSender(Environment environment) {
            return MailSenders.toLocalPort(SMTP_PORT, environment);
        }

        @Bean
        HikariDataSource dataSource() {
            return EmbeddedPostgresSupport.separateDataSource(DATABASE);
        }

    }

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    GreenMail smtp;

    @AfterEach
    void stopSmtp() {
        if (this.smtp != null) {
            this.smtp.stop();
        }
        new DigestTestData(this.dataSource).clean();
    }

    @Test
    void digestRefusedBySmtpIsKeptAndDeliveredExactlyOnceWhenSmtpIsBack() {
        DigestTestData data = new DigestTestData(this.dataSource);
        data.clean();
        long error = data.error("https://news.example/a", "A", "one ", "erorr", " here");
        data.reports(error, 2);
        DigestApi api = new DigestApi(this.port, ADMIN_USERNAME, ADMIN_PASSWORD);

        DigestApi.Response created = api.create();

        assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
        assertThat(created.body()).containsEntry("status", "PENDING").containsEntry("errors", 1).containsEntry("reports", 2);
        assertThat(data.digestedReportCount(error)).isEqualTo(2);
        String digestId = Long.toString(created.digestId());
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(api.find(digestId).body())
                .containsEntry("status", "PENDING").hasEntrySatisfying("attempts", (attempts) -> assertThat((int) attempts).isGreaterThan(2))
                .hasEntrySatisfying("lastFailure", (failure) -> assertThat((String) failure).contains("Connection refused")));

        this.smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.smtp.start();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(this.smtp.getReceivedMessages()).hasSize(1));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(this.smtp.getReceivedMessages()).hasSize(1));
        DigestMail mail = DigestMail.of(this.smtp.getReceivedMessages()[0]);
        assertThat(mail.header("Message-ID")).startsWith("<digest-" + digestId + "@");
        assertThat(mail.html().selectFirst(".error mark").text()).isEqualTo("erorr");
        assertThat(api.find(digestId).body()).containsEntry("status", "SENT").containsKey("sentAt");
        assertThat(data.digestRows()).isOne();
    }

}
