package io.github.spellingreports.worker.digest;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;

import io.github.spellingreports.worker.MailSenders;
import jakarta.mail.MessagingException;
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

        verify(this.repository).markSent(7L);
        verify(this.repository, never()).markFailed(anyLong(), any(), anyString());
    }

    @Test
    void aDigestTheServerRefusedIsRetried() {
        doAnswer((invocation) -> {
            throw new MailSendException(Map.of(invocation.getArgument(0), new MessagingException("552 message too big")));
        }).when(this.mail).send(any(MimeMessage.class));

        assertThat(this.sender.send(digest())).isFalse();

        verify(this.repository).markFailed(eq(7L), eq(Duration.ofSeconds(30)), contains("552"));
        verify(this.repository, never()).markSent(anyLong());
    }

    private static ClaimedDigest digest() {
        return new ClaimedDigest(7, "Spelling reports: 1 error", "reports@example.com", "desk@example.com",
                "<html><body>digest</body></html>", "digest", 1, 1, 1);
    }

}
