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
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone's inbox over real SMTP, as the worker's mail reaches it. */
@ExtendWith(OutputCaptureExtension.class)
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
        restart(new LocalInbox.Limits(3, LocalInbox.Limits.DEFAULT.maxBytes(), LocalInbox.Limits.DEFAULT.maxMailBytes()));
        send("Digest 1", "editors@localhost", "chief@localhost");
        send("Digest 2", "editors@localhost", "chief@localhost");
        send("Alert", "editors@localhost");
        send("Digest 3", "editors@localhost", "chief@localhost");
        send("Digest 4", "ru-desk@localhost");

        assertThat(this.inbox.messages()).extracting(InboxMessage::subject).containsExactly("Alert", "Digest 3", "Digest 4");
        send("Digest 5", "editors@localhost");
        assertThat(this.inbox.messages()).extracting(InboxMessage::subject).containsExactly("Digest 3", "Digest 4", "Digest 5");
    }

    /**
     * A mail keeps its number while the inbox keeps it: numbered by position, once the inbox was full
     * every new mail moved the others down, and a page open at /console/inbox/1 showed another mail.
     */
    @Test
    void aMailKeepsItsNumberWhenOlderOnesGo() throws MessagingException {
        restart(new LocalInbox.Limits(2, LocalInbox.Limits.DEFAULT.maxBytes(), LocalInbox.Limits.DEFAULT.maxMailBytes()));
        send("Digest 1", "editors@localhost");
        send("Digest 2", "editors@localhost", "chief@localhost");
        assertThat(this.inbox.message(1)).hasValueSatisfying((mail) -> assertThat(mail.subject()).isEqualTo("Digest 2"));

        send("Digest 3", "editors@localhost");
        send("Digest 4", "editors@localhost");
        assertThat(this.inbox.messages()).extracting(InboxMessage::number).containsExactly(2, 3);
        assertThat(this.inbox.message(1)).as("gone, not another mail").isEmpty();
        assertThat(this.inbox.message(0)).isEmpty();
        assertThat(this.inbox.message(3)).hasValueSatisfying((mail) -> assertThat(mail.subject()).isEqualTo("Digest 4"));
        assertThat(this.inbox.message(3).orElseThrow().text()).isEqualTo("Body of Digest 4");
    }

    /** 500 mails of a few MB each held the worker's heap; the oldest go once the mails kept are larger than the bound. */
    @Test
    void theOldestMailsGoOnceTheMailsKeptAreLargerThanTheInboxKeeps() throws MessagingException {
        restart(new LocalInbox.Limits(100, 50_000, 40_000));
        send("Digest 1", 15_000, "editors@localhost");
        send("Digest 2", 15_000, "editors@localhost", "chief@localhost");
        send("Digest 3", 15_000, "editors@localhost");
        assertThat(this.inbox.messages()).extracting(InboxMessage::subject).containsExactly("Digest 1", "Digest 2", "Digest 3");

        send("Digest 4", 15_000, "editors@localhost");
        assertThat(this.inbox.messages()).extracting(InboxMessage::subject).containsExactly("Digest 2", "Digest 3", "Digest 4");
        assertThat(this.inbox.storedBytes()).isBetween(45_000L, 50_000L);
    }

    @Test
    void aMailLargerThanTheInboxKeepsOfOneIsDroppedWithAWarning(CapturedOutput output) throws MessagingException {
        restart(new LocalInbox.Limits(100, 50_000, 20_000));
        send("Digest 1", 1_000, "editors@localhost");
        send("Huge", 30_000, "editors@localhost");
        send("Digest 2", 1_000, "editors@localhost");

        assertThat(this.inbox.messages()).extracting(InboxMessage::subject).containsExactly("Digest 1", "Digest 2");
        assertThat(output).containsOnlyOnce("Local mail inbox dropped a mail").containsPattern("Local mail inbox dropped "
                + "a mail of 3\\d KB \\(\"Huge\" to editors@localhost\\): larger than the 19 KB it keeps of one mail");
    }

    private void restart(LocalInbox.Limits limits) {
        this.inbox.close();
        this.inbox = LocalInbox.start(LoopbackPorts.free(), limits);
    }

    private void send(String subject, String... recipients) throws MessagingException {
        send(subject, 0, recipients);
    }

    /** @param padding about how many bytes of text the body has beyond its first line */
    private void send(String subject, int padding, String... recipients) throws MessagingException {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", LocalInbox.HOST);
        properties.put("mail.smtp.port", String.valueOf(this.inbox.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("spelling-reports@localhost"));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(String.join(", ", recipients)));
        message.setSubject(subject, "UTF-8");
        message.setText("Body of " + subject + ((padding > 0) ? "\n" + "x".repeat(padding) : ""), "UTF-8");
        Transport.send(message);
    }

}
