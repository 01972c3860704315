package io.github.spellingreports.standalone.mail;

import java.util.Properties;

import io.github.spellingreports.testsupport.LoopbackPorts;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone's inbox over real SMTP, as the worker's mail reaches it. */
class LocalInboxTests {

    private LocalInbox inbox;

    @BeforeEach
    void start() {
        this.inbox = LocalInbox.start(LoopbackPorts.free());
    }

    @AfterEach
    void stop() {
        this.inbox.close();
    }

    @Test
    void aMailToSeveralRecipientsIsListedOnceAndMailsInTheOrderTheyCame() throws MessagingException {
        send("Digest", "editors@localhost", "chief@localhost");
        send("Digest of the Russian desk", "ru-desk@localhost");
        send("Hot typo", "editors@localhost");

        assertThat(this.inbox.messages()).extracting(InboxMessage::subject)
                .containsExactly("Digest", "Digest of the Russian desk", "Hot typo");
        assertThat(this.inbox.messages()).extracting(InboxMessage::number).containsExactly(0, 1, 2);
        assertThat(this.inbox.messages().get(0).to()).isEqualTo("editors@localhost, chief@localhost");
        assertThat(this.inbox.message(1)).hasValueSatisfying((mail) -> assertThat(mail.subject()).isEqualTo("Digest of the Russian desk"));
        assertThat(this.inbox.message(3)).isEmpty();
    }

    @Test
    void theOldestMailsGoAsNewOnesArriveBeyondWhatTheInboxKeeps() throws MessagingException {
        this.inbox.close();
        this.inbox = LocalInbox.start(LoopbackPorts.free(), 3);
        send("Digest 1", "editors@localhost", "chief@localhost");
        send("Digest 2", "editors@localhost", "chief@localhost");
        send("Alert", "editors@localhost");
        send("Digest 3", "editors@localhost", "chief@localhost");
        send("Digest 4", "ru-desk@localhost");
        // trimmed as mail arrives, not only when someone reads: before each copy, to the newest 3 mails
        assertThat(this.inbox.storedCopies()).isEqualTo(6);

        assertThat(this.inbox.messages()).extracting(InboxMessage::subject).containsExactly("Alert", "Digest 3", "Digest 4");
        assertThat(this.inbox.storedCopies()).as("Alert, Digest 3 twice, Digest 4").isEqualTo(4);
        assertThat(this.inbox.message(0)).hasValueSatisfying((mail) -> assertThat(mail.subject()).isEqualTo("Alert"));
        send("Digest 5", "editors@localhost");
        assertThat(this.inbox.messages()).extracting(InboxMessage::subject).containsExactly("Digest 3", "Digest 4", "Digest 5");
    }

    private void send(String subject, String... recipients) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", LocalInbox.HOST);
        properties.put("mail.smtp.port", String.valueOf(this.inbox.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("spelling-reports@localhost"));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(", ", recipients)));
        message.setSubject(subject, "UTF-8");
        message.setText("Body of " + subject, "UTF-8");
        Transport.send(message);
    }

}
