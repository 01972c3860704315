package io.github.spellingreports.worker.alerts;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.worker.MailSenders;
import io.github.spellingreports.worker.alerts.HotAlertRepository.Channel;
import io.github.spellingreports.worker.alerts.HotAlertRepository.ClaimedAlert;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyLong;
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
 * The mails of a batch go out in one SMTP session; alerts of one desk and recipients share a mail; a
 * failure is recorded for the alerts of the mails it concerns only, each retried on its own schedule.
 * (End to end with GreenMail: {@link HotTypoAlertIntegrationTests}.)
 */
class AlertDeliveryTests {

    final HotAlertRepository repository = mock(HotAlertRepository.class);

    final JavaMailSender sender = MailSenders.mocked();

    final AlertProperties properties = new AlertProperties(true, 5, Duration.ofMinutes(30), null, Duration.ofSeconds(2),
            Duration.ofSeconds(5), 5, Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofSeconds(30),
            Duration.ofMinutes(5), 2, 1000, 25, Duration.ZERO);

    final AlertDelivery delivery;

    AlertDeliveryTests() {
        this.delivery = new AlertDelivery(this.repository, MailSenders.providing(this.sender), mock(AlertWebhook.class),
                this.properties);
    }

    @Test
    void batchIsMailedInOneSessionAndOnlyTheMessageTheServerRefusedIsRetried() {
        // three desks' recipients: three mails
        when(this.repository.claim(anyCollection(), eq(Channel.MAIL), any())).thenReturn(List.of(alert(1, "a@example.com"),
                alert(2, "b@example.com"), alert(3, "c@example.com")));
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

    /**
     * The server refused one recipient of the second mail (an editor who left) and took it for the
     * others ({@code mail.smtp.sendpartial}): it is out; mailing it again would reach the others twice.
     */
    @Test
    void aMailTheServerTookForSomeOfItsRecipientsIsSent() throws Exception {
        when(this.repository.claim(anyCollection(), eq(Channel.MAIL), any())).thenReturn(List.of(alert(1, "a@example.com"),
                alert(2, "b@example.com, left@example.com")));
        SendFailedException partly = new SendFailedException("Invalid Addresses", null,
                new Address[] { new InternetAddress("b@example.com") }, null,
                new Address[] { new InternetAddress("left@example.com") });
        doAnswer((invocation) -> {
            MimeMessage[] messages = (MimeMessage[]) invocation.getRawArguments()[0];
            throw new MailSendException(Map.of(messages[1], partly));
        }).when(this.sender).send(any(MimeMessage[].class));

        this.delivery.deliver(List.of(1L, 2L));

        verify(this.repository).markSent(List.of(1L, 2L), Channel.MAIL);
        verify(this.repository, never()).markFailed(anyLong(), any(), any(), anyString(), anyBoolean());
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

    /**
     * The server accepted every mail, then its answer to QUIT never came (or the connection was
     * reset): Spring throws, naming no failed message. The mails are out; retrying would send them again.
     */
    @Test
    void mailsTheServerAcceptedAreSentThoughClosingTheConnectionFailed() {
        when(this.repository.claim(anyCollection(), eq(Channel.MAIL), any())).thenReturn(List.of(alert(1, "a@example.com"),
                alert(2, "b@example.com")));
        doThrow(new MailSendException("Failed to close server connection after message sending",
                new MessagingException("Connection reset"))).when(this.sender).send(any(MimeMessage[].class));

        this.delivery.deliver(List.of(1L, 2L));

        verify(this.repository).markSent(List.of(1L, 2L), Channel.MAIL);
        verify(this.repository, never()).markFailed(anyLong(), any(), any(), anyString(), anyBoolean());
    }

    @Test
    void alertsOfOneDeskAndRecipientsShareAMailOfAtMostMaxPerMailAndOthersGetTheirOwn() throws Exception {
        List<ClaimedAlert> alerts = new ArrayList<>();
        for (long id = 1; id <= 30; id++) {
            alerts.add(alert(id, "editors@example.com"));
        }
        alerts.add(alert(31, "sport@example.com"));
        when(this.repository.claim(anyCollection(), eq(Channel.MAIL), any())).thenReturn(alerts);
        List<MimeMessage> sent = new ArrayList<>();
        doAnswer((invocation) -> {
            sent.addAll(List.of((MimeMessage[]) invocation.getRawArguments()[0]));
            return null;
        }).when(this.sender).send(any(MimeMessage[].class));

        this.delivery.deliver(alerts.stream().map(ClaimedAlert::id).toList());

        assertThat(sent).hasSize(3);
        assertThat(sent.get(0).getHeader("X-Spelling-Alert-Id", ",")).isEqualTo(ids(1, 25));
        assertThat(sent.get(0).getHeader("X-Spelling-Error-Id", ",")).startsWith("101, 102, ").endsWith(", 125");
        assertThat(sent.get(0).getMessageID()).isEqualTo("<alerts-1-25-25@example.com>");
        assertThat(sent.get(0).getSubject()).isEqualTo("25 hot typos: \"x1\" on Page (5 reports in 30 min) and 24 more");
        assertThat(AlertMail.text(sent.get(0))).contains("HOT TYPO 1\n").contains("HOT TYPO 25\n").doesNotContain("HOT TYPO 26\n");
        assertThat(sent.get(1).getHeader("X-Spelling-Alert-Id", ",")).isEqualTo(ids(26, 30));
        assertThat(sent.get(1).getAllRecipients()).extracting(Object::toString).containsExactly("editors@example.com");
        // alone: the alert's own mail, as it was rendered
        assertThat(sent.get(2).getHeader("X-Spelling-Alert-Id", ",")).isEqualTo("31");
        assertThat(sent.get(2).getMessageID()).isEqualTo("<alert-31@example.com>");
        assertThat(sent.get(2).getSubject()).isEqualTo("Hot typo: \"x31\" on Page (5 reports in 30 min)");
        assertThat(sent.get(2).getAllRecipients()).extracting(Object::toString).containsExactly("sport@example.com");
        verify(this.repository).markSent(alerts.stream().map(ClaimedAlert::id).toList(), Channel.MAIL);
    }

    @Test
    void refusedSharedMailLeavesEachOfItsAlertsForARetryAndTheOtherMailsSent() {
        List<ClaimedAlert> alerts = List.of(alert(1, "editors@example.com"), alert(2, "editors@example.com"),
                alert(3, "sport@example.com"));
        when(this.repository.claim(anyCollection(), eq(Channel.MAIL), any())).thenReturn(alerts);
        doAnswer((invocation) -> {
            MimeMessage[] messages = (MimeMessage[]) invocation.getRawArguments()[0];
            assertThat(messages).hasSize(2);
            throw new MailSendException(Map.of(messages[0], new MessagingException("552 message too big")));
        }).when(this.sender).send(any(MimeMessage[].class));

        this.delivery.deliver(List.of(1L, 2L, 3L));

        verify(this.repository).markSent(List.of(3L), Channel.MAIL);
        verify(this.repository).markFailed(eq(1L), eq(Channel.MAIL), any(), contains("552"), eq(false));
        verify(this.repository).markFailed(eq(2L), eq(Channel.MAIL), any(), contains("552"), eq(false));
    }

    @Test
    void alertsThatCannotBeCombinedAreMailedOneByOne() {
        ClaimedAlert plain = new ClaimedAlert(2, 102, "default", "editors@example.com", "spelling@example.com",
                "Hot typo: \"x2\"", "<p>no body element</p>", "text", "{}", 1);
        List<List<ClaimedAlert>> mails = AlertDelivery.mails(List.of(alert(1, "editors@example.com"), plain), 25);

        assertThat(mails).extracting(List::size).containsExactly(1, 1);
        assertThat(AlertDelivery.mails(List.of(alert(1, "editors@example.com"), alert(2, "editors@example.com")), 1))
                .extracting(List::size).containsExactly(1, 1);
    }

    /**
     * A poll posts its webhook messages one after the other under one claim: no more of them than half
     * the claim allows should each take its whole timeouts (a batch that outlasted its claim was taken
     * over by another worker and posted again).
     */
    @Test
    void aPollTakesNoMoreWebhookMessagesThanItsClaimLeavesTimeFor() {
        assertThat(AlertDelivery.webhookMessages(this.properties)).as("2 s + 5 s each, a claim of 5 min").isEqualTo(20);
        AlertProperties slowWebhook = new AlertProperties(true, 5, Duration.ofMinutes(30), URI.create("http://127.0.0.1:9/hook"),
                Duration.ofSeconds(10), Duration.ofSeconds(50), 5, Duration.ofSeconds(30), Duration.ofMinutes(30),
                Duration.ofSeconds(30), Duration.ofMinutes(5), 2, 1000, 25, Duration.ZERO);
        assertThat(AlertDelivery.webhookMessages(slowWebhook)).as("a minute each").isEqualTo(2);
        AlertProperties slowerStill = new AlertProperties(true, 5, Duration.ofMinutes(30), URI.create("http://127.0.0.1:9/hook"),
                Duration.ofSeconds(10), Duration.ofMinutes(4), 5, Duration.ofSeconds(30), Duration.ofMinutes(30),
                Duration.ofSeconds(30), Duration.ofMinutes(5), 2, 1000, 25, Duration.ZERO);
        assertThat(AlertDelivery.webhookMessages(slowerStill)).as("one at least").isEqualTo(1);
    }

    @Test
    void webhookGetsOneMessagePerDesksAlertsAndAFailedMessageRetriesEachOfThem() throws Exception {
        AlertProperties withWebhook = new AlertProperties(true, 5, Duration.ofMinutes(30), URI.create("http://127.0.0.1:9/hook"),
                Duration.ofSeconds(2), Duration.ofSeconds(5), 5, Duration.ofSeconds(30), Duration.ofMinutes(30),
                Duration.ofSeconds(30), Duration.ofMinutes(5), 2, 1000, 25, Duration.ZERO);
        AlertWebhook webhook = mock(AlertWebhook.class);
        @SuppressWarnings("unchecked")
        ObjectProvider<JavaMailSender> noMail = mock(ObjectProvider.class);
        AlertDelivery delivery = new AlertDelivery(this.repository, noMail, webhook, withWebhook);
        ClaimedAlert sport = new ClaimedAlert(3, 103, "sport", "s@example.com", "spelling@example.com", "Hot typo: x",
                "<p>x</p>", "x", "hot typo three", 1);
        when(this.repository.claim(anyCollection(), eq(Channel.WEBHOOK), any())).thenReturn(List.of(
                new ClaimedAlert(1, 101, "default", "e@example.com", "spelling@example.com", "s", "h", "t", "hot typo one", 1),
                new ClaimedAlert(2, 102, "default", "e@example.com", "spelling@example.com", "s", "h", "t", "hot typo two", 1),
                sport));
        List<String> posted = new ArrayList<>();
        doAnswer((invocation) -> {
            String text = invocation.getArgument(0);
            posted.add(text);
            if (text.contains("three")) {
                throw new java.io.IOException("webhook answered HTTP 429");
            }
            return null;
        }).when(webhook).post(anyString());

        delivery.deliver(List.of(1L, 2L, 3L));

        assertThat(posted).containsExactly("2 hot typos at once:\n\nhot typo one\n\nhot typo two", "hot typo three");
        verify(this.repository).markSent(List.of(1L, 2L), Channel.WEBHOOK);
        verify(this.repository).markFailed(eq(3L), eq(Channel.WEBHOOK), any(), contains("429"), eq(false));
    }

    private static String ids(long from, long to) {
        return java.util.stream.LongStream.rangeClosed(from, to).mapToObj(Long::toString)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static ClaimedAlert alert(long id) {
        return alert(id, "editors@example.com");
    }

    /** An alert as the alert template renders it, in outline. */
    static ClaimedAlert alert(long id, String recipients) {
        return new ClaimedAlert(id, 100 + id, "default", recipients, "spelling@example.com",
                "Hot typo: \"x" + id + "\" on Page (5 reports in 30 min)",
                "<!DOCTYPE html>\n<html><head><title>Hot typo</title></head>\n<body style=\"margin:0;\">\n<div class=\"card\">card "
                        + id + "</div>\n<div id=\"footer\">You receive this mail because.</div>\n</body>\n</html>\n",
                "HOT TYPO " + id + "\n\nFixed: https://example.com/" + id + "\n\n--\nYou receive this mail because.\n",
                "{\"text\":\"x\"}", 1);
    }

}
