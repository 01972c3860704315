package io.github.spellingreports.worker.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import io.github.spellingreports.worker.alerts.HotAlertRepository.Channel;
import io.github.spellingreports.worker.alerts.HotAlertRepository.ClaimedAlert;

/**
 * Sends recorded alerts by mail and to the webhook, each delivery under a claim so that of several
 * workers only one sends it. A failure is recorded with a retry time for the poll; mail is retried
 * until it goes out, the webhook up to {@code spelling.alerts.webhook-max-attempts} times. The
 * {@code Message-ID} derives from the alert id, so a resend after a crash is recognisably the same mail.
 */
@Component
class AlertDelivery {

    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);

    private static final int BATCH = 20;

    private final HotAlertRepository repository;

    private final ObjectProvider<JavaMailSender> mailSender;

    private final AlertWebhook webhook;

    private final AlertProperties properties;

    AlertDelivery(HotAlertRepository repository, ObjectProvider<JavaMailSender> mailSender, AlertWebhook webhook,
            AlertProperties properties) {
        this.repository = repository;
        this.mailSender = mailSender;
        this.webhook = webhook;
        this.properties = properties;
    }

    /** First attempt of both deliveries of a new alert; the webhook never delays the mail. */
    void deliver(long alertId) {
        for (Channel channel : Channel.values()) {
            this.repository.claim(alertId, channel, this.properties.claimTimeout()).ifPresent((alert) -> send(alert, channel));
        }
    }

    /** Retries every due delivery no other worker holds. */
    void sendDue() {
        for (Channel channel : Channel.values()) {
            List<Long> due = this.repository.due(channel, BATCH);
            for (long id : due) {
                this.repository.claim(id, channel, this.properties.claimTimeout()).ifPresent((alert) -> send(alert, channel));
            }
        }
    }

    private void send(ClaimedAlert alert, Channel channel) {
        try {
            if (channel == Channel.MAIL) {
                mail(alert);
            }
            else {
                this.webhook.post(alert.webhookText());
            }
        }
        catch (Exception ex) {
            boolean giveUp = channel == Channel.WEBHOOK && alert.attempts() >= this.properties.webhookMaxAttempts();
            Duration retryIn = this.properties.backOff(alert.attempts());
            this.repository.markFailed(alert.id(), channel, retryIn, describe(ex), giveUp);
            log.warn("Hot-typo alert {} not delivered by {} (attempt {}), {}: {}", alert.id(), channel, alert.attempts(),
                    giveUp ? "giving up" : "retry in " + retryIn, describe(ex));
            return;
        }
        this.repository.markSent(alert.id(), channel);
        log.info("Hot-typo alert {} for error {} delivered by {} (attempt {})", alert.id(), alert.errorId(), channel,
                alert.attempts());
    }

    private void mail(ClaimedAlert alert) throws MessagingException {
        JavaMailSender sender = this.mailSender.getIfAvailable();
        if (sender == null) {
            throw new IllegalStateException("no mail server configured (spring.mail.host)");
        }
        MimeMessage message = sender.createMimeMessage();
        InternetAddress from = new InternetAddress(alert.from(), true);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(alert.recipients(), true));
        message.setSubject(alert.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        String domain = from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1);
        message.setHeader("Message-ID", "<alert-" + alert.id() + "@" + domain + ">");
        message.setHeader("X-Spelling-Alert-Id", Long.toString(alert.id()));
        message.setHeader("X-Spelling-Error-Id", Long.toString(alert.errorId()));
        message.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(alert.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(alert.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        sender.send(message);
    }

    private static String describe(Exception ex) {
        String description = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        return (description.length() > 2000) ? description.substring(0, 2000) : description;
    }

}
