package io.github.spellingreports.worker.digest;

import java.time.Duration;
import java.util.Arrays;

import javax.sql.DataSource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.zaxxer.hikari.HikariDataSource;
import io.github.spellingreports.worker.EmbeddedPostgresSupport;
import io.github.spellingreports.worker.MailSenders;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.github.spellingreports.worker.mail.RecipientRefusingRelay;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
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
 * A digest for two editors, one of whom left: the relay refuses her mailbox ({@code 550 5.1.1}), as
 * mail servers do. The other editor gets the digest once, and the console says who did not: refused
 * as a whole, it was retried every half hour for ever, to nobody. A context of its own: its mail
 * goes through {@link RecipientRefusingRelay} to a GreenMail of its own, with the worker's own
 * mail settings ({@code spring.mail.properties} in {@code worker.yml}), and its database is a
 * separate one, so the shared context's resend poll cannot send this test's digest.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestPropertySource(properties = { "spelling.digest.enabled=false",
        "spelling.digest.recipients=desk@news.example,left@news.example",
        "spelling.digest.retry-initial-interval=300ms", "spelling.digest.retry-max-interval=1s",
        "spelling.digest.retry-interval=100ms" })
class DigestRefusedRecipientIntegrationTests extends WorkerIntegrationTestSupport {

    private static final String DATABASE = "digest_refused_recipient";

    private static final GreenMail smtp = start();

    private static final RecipientRefusingRelay relay = new RecipientRefusingRelay(smtp.getSmtp().getPort(),
            "left@news.example");

    private static GreenMail start() {
        GreenMail server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        server.start();
        return server;
    }

    @AfterAll
    static void stop() {
        relay.close();
        smtp.stop();
    }

    /**
     * Beans rather than properties: the base class's dynamic {@code spring.mail.port} and
     * {@code spring.datasource.url} take precedence over anything a subclass registers.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class RelayInfrastructure {

        @Bean
        JavaMailSenderImpl mailSender(Environment environment) {
            return MailSenders.toLocalPort(relay.port(), environment);
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

    @Test
    void theEditorsWhoseMailboxesExistGetTheDigestOnceAndTheConsoleSaysWhoDidNot() throws Exception {
        DigestTestData data = new DigestTestData(this.dataSource);
        data.clean();
        long error = data.error("https://news.example/a", "A", "one ", "erorr", " here");
        data.reports(error, 2);
        DigestApi api = new DigestApi(this.port, ADMIN_USERNAME, ADMIN_PASSWORD);

        DigestApi.Response created = api.create();

        assertThat(created.status()).isEqualTo(HttpStatus.CREATED);
        String digestId = Long.toString(created.digestId());
        // GreenMail keeps a copy per recipient it got the mail for
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(smtp.getReceivedMessages()).hasSize(1));
        // retries would come every 300 ms to 1 s
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6))
                .untilAsserted(() -> assertThat(smtp.getReceivedMessages()).hasSize(1));
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertThat(Arrays.stream(mail.getAllRecipients()).map(Object::toString))
                .containsExactly("desk@news.example", "left@news.example");
        assertThat(api.find(digestId).body()).containsEntry("status", "SENT").containsEntry("attempts", 1)
                .hasEntrySatisfying("lastFailure", (failure) -> assertThat((String) failure)
                        .startsWith("Sent, but not delivered to left@news.example: 550 5.1.1 <left@news.example>")
                        .contains("User unknown"));
    }

}
