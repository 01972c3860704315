package io.github.spellingreports.worker.digest;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import io.github.spellingreports.worker.MailSenders;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * What a digest's send attempt records, by what SMTP answered. (End to end with GreenMail:
 * {@link DigestSmtpOutageIntegrationTests}, {@link DigestMailIntegrationTests}.)
 */
class DigestSenderTests {

    final DigestRepository repository = mock(DigestRepository.class);

    final JavaMailSender mail = MailSenders.mocked();

    final DigestSender sender;

    DigestSenderTests() {
        this.sender = new DigestSender(this.repository, MailSenders.providing(this.mail),
                TestDigestProperties.scheduled(true, "0 0 8 * * *", ZoneOffset.UTC), new SimpleMeterRegistry());
    }

    /**
     * The server accepted the digest, then its answer to QUIT never came (or the connection was
     * reset): Spring throws, naming no failed message. The digest is out; a retry would mail it again.
     */
    @Test
    void aDigestTheServerAcceptedIsSentThoughClosingTheConnectionFailed() {
        doAnswer((invocation) -> {
            throw new MailSendException("Failed to close server connection after message sending",
                    new MessagingException("Connection reset"));
        }).when(this.mail).send(any(MimeMessage.class));

        assertThat(this.sender.send(digest())).isTrue();

        verify(this.repository).markSent(7L, null);
        verify(this.repository, never()).markFailed(anyLong(), any(), anyString());
    }

    @Test
    void aDigestTheServerRefusedIsRetried() {
        doAnswer((invocation) -> {
            throw new MailSendException(Map.of(invocation.getArgument(0), new MessagingException("552 message too big")));
        }).when(this.mail).send(any(MimeMessage.class));

        assertThat(this.sender.send(digest())).isFalse();

        verify(this.repository).markFailed(eq(7L), eq(Duration.ofSeconds(30)), contains("552"));
        verify(this.repository, never()).markSent(anyLong(), any());
    }

    /**
     * The relay refused one recipient (an editor who left) and took the digest for the others
     * ({@code mail.smtp.sendpartial}): it is out, and the console says who did not get it. Retried,
     * it would go to the others again and never to her.
     */
    @Test
    void aDigestTheServerTookForSomeRecipientsIsSentAndSaysWhoDidNotGetIt() throws Exception {
        InternetAddress left = new InternetAddress("left@example.com");
        SendFailedException partly = new SendFailedException("Invalid Addresses", null,
                new Address[] { new InternetAddress("desk@example.com") }, null, new Address[] { left });
        partly.setNextException(new MessagingException("550 5.1.1 <left@example.com>: User unknown\n"));
        doAnswer((invocation) -> {
            throw new MailSendException(Map.of(invocation.getArgument(0), partly));
        }).when(this.mail).send(any(MimeMessage.class));

        assertThat(this.sender.send(digest())).isTrue();

        verify(this.repository).markSent(7L,
                "Sent, but not delivered to left@example.com: 550 5.1.1 <left@example.com>: User unknown");
        verify(this.repository, never()).markFailed(anyLong(), any(), anyString());
    }

    /** Refused for every recipient, nobody got it: it is retried. */
    @Test
    void aDigestTheServerRefusedForEveryRecipientIsRetried() throws Exception {
        SendFailedException refused = new SendFailedException("Invalid Addresses", null, null, null,
                new Address[] { new InternetAddress("desk@example.com") });
        doAnswer((invocation) -> {
            throw new MailSendException(Map.of(invocation.getArgument(0), refused));
        }).when(this.mail).send(any(MimeMessage.class));

        assertThat(this.sender.send(digest())).isFalse();

        verify(this.repository).markFailed(eq(7L), eq(Duration.ofSeconds(30)), contains("Invalid Addresses"));
        verify(this.repository, never()).markSent(anyLong(), any());
    }

    private static ClaimedDigest digest() {
        return new ClaimedDigest(7, "Spelling reports: 1 error", "reports@example.com", "desk@example.com",
                "<html><body>digest</body></html>", "digest", 1, 1, 1);
    }

}
