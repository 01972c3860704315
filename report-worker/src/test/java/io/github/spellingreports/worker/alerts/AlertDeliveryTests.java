package io.github.spellingreports.worker.alerts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.github.spellingreports.worker.alerts.HotAlertRepository.Channel;
import io.github.spellingreports.worker.alerts.HotAlertRepository.ClaimedAlert;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/**
 * The mails of a batch go out in one SMTP session; a failure is recorded for the mails it concerns
 * only, each retried on its own schedule. (End to end with GreenMail: {@link HotTypoAlertIntegrationTests}.)
 */
class AlertDeliveryTests {

    final HotAlertRepository repository = mock(HotAlertRepository.class);

    final JavaMailSender sender = mock(JavaMailSender.class);

    final AlertProperties properties = new AlertProperties(true, 5, Duration.ofMinutes(30), null, Duration.ofSeconds(2),
            Duration.ofSeconds(5), 5, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofSeconds(30),
            Duration.ofMinutes(5), 2, 1000);

    final AlertDelivery delivery;

    AlertDeliveryTests() {
        @SuppressWarnings("unchecked")
        ObjectProvider<JavaMailSender> provider = mock(ObjectProvider.class);
        when(provider.getIfAvailable()).thenReturn(this.sender);
        when(this.sender.createMimeMessage()).thenAnswer((invocation) -> new MimeMessage(Session.getInstance(new Properties())));
        this.delivery = new AlertDelivery(this.repository, provider, mock(AlertWebhook.class), this.properties);
    }

    @Test
    void batchIsMailedInOneSessionAndOnlyTheMessageTheServerRefusedIsRetried() {
        when(this.repository.claim(anyCollection(), eq(Channel.MAIL), any())).thenReturn(List.of(alert(1), alert(2), alert(3)));
        List<MimeMessage[]> sessions = new ArrayList<>();
        doAnswer((invocation) -> {
            MimeMessage[] messages = (MimeMessage[]) invocation.getRawArguments()[0];
            sessions.add(messages);
            // the server refuses the second message; JavaMailSenderImpl names it in the exception
            throw new MailSendException(Map.of(messages[1], new MessagingException("550 mailbox unavailable")));
        }).when(this.sender).send(any(MimeMessage[].class));

        this.delivery.deliver(List.of(1L, 2L, 3L));

        assertThat(sessions).hasSize(1);
        assertThat(sessions.get(0)).hasSize(3);
        verify(this.repository).markSent(List.of(1L, 3L), Channel.MAIL);
        verify(this.repository).markFailed(eq(2L), eq(Channel.MAIL), eq(Duration.ofSeconds(30)), contains("550"), eq(false));
        // no webhook configured: nothing to claim there
        verify(this.repository, never()).claim(anyCollection(), eq(Channel.WEBHOOK), any());
    }

    @Test
    void failureOfTheWholeSessionLeavesEveryMailOfTheBatchForARetry() {
        when(this.repository.claim(anyCollection(), eq(Channel.MAIL), any())).thenReturn(List.of(alert(1), alert(2)));
        doThrow(new MailAuthenticationException("535 authentication failed")).when(this.sender).send(any(MimeMessage[].class));

        this.delivery.deliver(List.of(1L, 2L));

        verify(this.repository, never()).markSent(anyCollection(), any());
        verify(this.repository).markFailed(eq(1L), eq(Channel.MAIL), any(), anyString(), eq(false));
        verify(this.repository).markFailed(eq(2L), eq(Channel.MAIL), any(), anyString(), eq(false));
    }

    private static ClaimedAlert alert(long id) {
        return new ClaimedAlert(id, 100 + id, "editors@example.com", "spelling@example.com", "Hot typo " + id,
                "<p>html</p>", "text", "{\"text\":\"x\"}", 1);
    }

}
