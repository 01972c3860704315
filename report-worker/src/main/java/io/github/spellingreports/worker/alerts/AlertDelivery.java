package io.github.spellingreports.worker.alerts;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import io.github.spellingreports.worker.alerts.HotAlertRepository.Channel;
import io.github.spellingreports.worker.alerts.HotAlertRepository.ClaimedAlert;
import io.github.spellingreports.worker.mail.SmtpOutcome;

/**
 * Sends recorded alerts by mail and to the webhook, each delivery under a claim so that of several
 * workers only one sends it. Alerts sent together that go to the same desk and recipients share one
 * mail ({@link CombinedAlert}, up to {@code spelling.alerts.max-per-mail}), and those of one desk one
 * webhook message: errors that become hot at once do not flood the desk's inbox or channel. The
 * mails of a batch go out in one SMTP session. A failure is recorded, for every alert of the mail
 * or message it concerns, with a retry time for the poll; mail is retried until it goes out, the
 * webhook up to {@code spelling.alerts.webhook-max-attempts} times. The {@code Message-ID} derives from the alert
 * ids, so a resend after a crash of the same alerts is recognisably the same mail.
 */
@Component
class AlertDelivery {

    private static final Logger log = LoggerFactory.getLogger(AlertDelivery.class);

    /** Due mail deliveries one poll takes at least: enough for a few full combined mails. */
    private static final int MAIL_BATCH = 100;

    /**
     * Webhook messages' worth of due deliveries one poll takes: each message is a call of its own, with
     * its own timeouts. A batch of fewer than {@code max-per-mail} alerts cut a desk's slot in two
     * messages, the second a poll later.
     */
    private static final int WEBHOOK_MESSAGES = 20;

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

    /** First attempt of both deliveries of new alerts; the webhook never delays the mail. */
    void deliver(List<Long> alertIds) {
        if (alertIds.isEmpty()) {
            return;
        }
        for (Channel channel : channels()) {
            send(this.repository.claim(alertIds, channel, this.properties.claimTimeout()), channel);
        }
    }

    /** Retries every due delivery no other worker holds. */
    void sendDue() {
        for (Channel channel : channels()) {
            List<Long> due = this.repository.due(channel, batch(channel));
            if (!due.isEmpty()) {
                send(this.repository.claim(due, channel, this.properties.claimTimeout()), channel);
            }
        }
    }

    /** @return due deliveries one poll takes: at least a few full mails or messages, so that a desk's slot goes together */
    private int batch(Channel channel) {
        int maxPerMail = this.properties.maxPerMail();
        return (channel == Channel.MAIL) ? Math.max(MAIL_BATCH, 4 * maxPerMail) : webhookMessages(this.properties) * maxPerMail;
    }

    /**
     * @return webhook messages one poll takes: {@value #WEBHOOK_MESSAGES} at most, and no more than
     *         half the claim's time allows should each of them take its whole timeouts (posted one after
     *         the other under one claim, a batch that outlasted it was taken over and posted again)
     */
    static int webhookMessages(AlertProperties properties) {
        long call = properties.webhookConnectTimeout().plus(properties.webhookReadTimeout()).toMillis();
        long fit = properties.claimTimeout().toMillis() / Math.max(1, 2 * call);
        return (int) Math.max(1, Math.min(WEBHOOK_MESSAGES, fit));
    }

    /** Without a webhook URL no alert has a pending webhook delivery (its status is NONE): no need to look. */
    private List<Channel> channels() {
        return (this.properties.webhookUrl() != null) ? List.of(Channel.MAIL, Channel.WEBHOOK) : List.of(Channel.MAIL);
    }

    private void send(List<ClaimedAlert> alerts, Channel channel) {
        if (alerts.isEmpty()) {
            return;
        }
        Map<ClaimedAlert, Exception> failed = (channel == Channel.MAIL) ? mail(alerts) : post(alerts);
        List<Long> sent = new ArrayList<>();
        for (ClaimedAlert alert : alerts) {
            Exception failure = failed.get(alert);
            if (failure == null) {
                sent.add(alert.id());
                continue;
            }
            boolean giveUp = channel == Channel.WEBHOOK && alert.attempts() >= this.properties.webhookMaxAttempts();
            Duration retryIn = this.properties.backOff(alert.attempts());
            this.repository.markFailed(alert.id(), channel, retryIn, describe(failure), giveUp);
            log.warn("Hot-typo alert {} not delivered by {} (attempt {}), {}: {}", alert.id(), channel, alert.attempts(),
                    giveUp ? "giving up" : "retry in " + retryIn, describe(failure));
        }
        if (!sent.isEmpty()) {
            this.repository.markSent(sent, channel);
            log.info("Hot-typo alerts {} delivered by {}", sent, channel);
        }
    }

    /**
     * One webhook call per desk's alerts, up to {@code max-per-mail} in a message (Slack takes about
     * one message per second from an incoming webhook).
     * @return the alerts that failed, with why
     */
    private Map<ClaimedAlert, Exception> post(List<ClaimedAlert> alerts) {
        Map<ClaimedAlert, Exception> failed = new HashMap<>();
        for (List<ClaimedAlert> message : groups(alerts, ClaimedAlert::desk, this.properties.maxPerMail())) {
            try {
                this.webhook.post(webhookText(message));
            }
            catch (Exception ex) {
                failAll(failed, message, ex);
            }
        }
        return failed;
    }

    static String webhookText(List<ClaimedAlert> alerts) {
        if (alerts.size() == 1) {
            return alerts.get(0).webhookText();
        }
        return alerts.size() + " hot typos at once:\n\n"
                + alerts.stream().map(ClaimedAlert::webhookText).collect(Collectors.joining("\n\n"));
    }

    /**
     * All mails in one SMTP session ({@link JavaMailSender#send(MimeMessage...)}): a burst of hot
     * errors does not open a connection per mail.
     * @return the alerts that failed, with why
     */
    private Map<ClaimedAlert, Exception> mail(List<ClaimedAlert> alerts) {
        Map<ClaimedAlert, Exception> failed = new HashMap<>();
        JavaMailSender sender = this.mailSender.getIfAvailable();
        if (sender == null) {
            IllegalStateException noServer = new IllegalStateException("no mail server configured (spring.mail.host)");
            failAll(failed, alerts, noServer);
            return failed;
        }
        Map<MimeMessage, List<ClaimedAlert>> messages = new LinkedHashMap<>();
        for (List<ClaimedAlert> mail : mails(alerts, this.properties.maxPerMail())) {
            try {
                messages.put(message(sender, mail), mail);
            }
            catch (MessagingException ex) {
                // e.g. an address that became invalid: this mail's alerts only
                failAll(failed, mail, ex);
            }
        }
        if (messages.isEmpty()) {
            return failed;
        }
        try {
            sender.send(messages.keySet().toArray(MimeMessage[]::new));
        }
        catch (MailSendException ex) {
            if (SmtpOutcome.acceptedAll(ex)) {
                log.warn("SMTP accepted {} alert mail(s), then closing the connection failed: {}", messages.size(),
                        ex.getMostSpecificCause().getMessage());
                return failed;
            }
            // the messages that failed, or all from the first one on when the connection failed; not
            // those the server took for some of their recipients (mailing them again would mail those twice)
            ex.getFailedMessages().forEach((message, failure) -> SmtpOutcome.partlyDelivered(ex, (MimeMessage) message)
                    .ifPresentOrElse((notDelivered) -> log.warn("Alert mail sent, but {} (check "
                            + "spelling.digest.recipients and its routes' recipients)", notDelivered),
                            () -> failAll(failed, messages.get(message), failure)));
        }
        catch (MailException ex) {
            // e.g. authentication: nothing was sent
            messages.values().forEach((mail) -> failAll(failed, mail, ex));
        }
        return failed;
    }

    /**
     * @return the alerts by mail: those of one desk, sender and recipients together, in the order
     *         given, at most {@code maxPerMail} to a mail
     */
    static List<List<ClaimedAlert>> mails(List<ClaimedAlert> alerts, int maxPerMail) {
        List<List<ClaimedAlert>> mails = new ArrayList<>();
        for (List<ClaimedAlert> mail : groups(alerts, (alert) -> List.of(alert.desk(), alert.from(), alert.recipients()),
                maxPerMail)) {
            if (mail.size() == 1 || CombinedAlert.combinable(mail)) {
                mails.add(mail);
            }
            else {
                // not rendered from the alert template as this version knows it: one mail each
                mail.forEach((alert) -> mails.add(List.of(alert)));
            }
        }
        return mails;
    }

    /** @return the alerts with the same key together, in the order given, at most {@code max} to a group */
    static List<List<ClaimedAlert>> groups(List<ClaimedAlert> alerts, Function<ClaimedAlert, ?> key, int max) {
        Map<Object, List<ClaimedAlert>> byKey = new LinkedHashMap<>();
        for (ClaimedAlert alert : alerts) {
            byKey.computeIfAbsent(key.apply(alert), (k) -> new ArrayList<>()).add(alert);
        }
        List<List<ClaimedAlert>> groups = new ArrayList<>();
        for (List<ClaimedAlert> same : byKey.values()) {
            for (int i = 0; i < same.size(); i += max) {
                groups.add(List.copyOf(same.subList(i, Math.min(i + max, same.size()))));
            }
        }
        return groups;
    }

    private static MimeMessage message(JavaMailSender sender, List<ClaimedAlert> alerts) throws MessagingException {
        ClaimedAlert first = alerts.get(0);
        CombinedAlert combined = (alerts.size() > 1) ? CombinedAlert.of(alerts) : null;
        MimeMessage message = sender.createMimeMessage();
        InternetAddress from = new InternetAddress(first.from(), true);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(first.recipients(), true));
        message.setSubject((combined != null) ? combined.subject() : first.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        String domain = from.getAddress().substring(from.getAddress().lastIndexOf('@') + 1);
        String id = (combined != null)
                ? "alerts-" + first.id() + "-" + alerts.get(alerts.size() - 1).id() + "-" + alerts.size() : "alert-" + first.id();
        message.setHeader("Message-ID", "<" + id + "@" + domain + ">");
        message.setHeader("X-Spelling-Alert-Id", join(alerts, ClaimedAlert::id));
        message.setHeader("X-Spelling-Error-Id", join(alerts, ClaimedAlert::errorId));
        message.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText((combined != null) ? combined.text() : first.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText((combined != null) ? combined.html() : first.html(), StandardCharsets.UTF_8.name(), "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return message;
    }

    /** A mail or webhook message failed: so did each alert in it. */
    private static void failAll(Map<ClaimedAlert, Exception> failed, List<ClaimedAlert> alerts, Exception failure) {
        alerts.forEach((alert) -> failed.put(alert, failure));
    }

    private static String join(List<ClaimedAlert> alerts, ToLongFunction<ClaimedAlert> id) {
        return alerts.stream().map((alert) -> Long.toString(id.applyAsLong(alert))).collect(Collectors.joining(", "));
    }

    private static String describe(Exception ex) {
        String description = ex.getClass().getSimpleName() + ": " + ex.getMessage();
        return (description.length() > 2000) ? description.substring(0, 2000) : description;
    }

}
