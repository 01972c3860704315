package io.github.spellingreports.worker.digest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import io.github.spellingreports.worker.mail.SmtpOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * Sends recorded digests: marks one SENT once SMTP accepted it, or schedules a retry with
 * exponential back-off. Sending needs a claim on the digest row, so of several workers only one
 * sends a given digest; a claim a crashed worker left behind expires and is taken over.
 * <p>
 * The {@code Message-ID} is derived from the digest id: should a worker crash between SMTP's
 * acceptance and marking the digest SENT, the resent mail is recognisably the same digest.
 */
@Component
class DigestSender {

    private static final Logger log = LoggerFactory.getLogger(DigestSender.class);

    /** Digests looked at per poll; the rest wait for the next one. */
    private static final int BATCH = 20;

    private final DigestRepository repository;

    private final ObjectProvider<JavaMailSender> mailSender;

    private final DigestProperties properties;

    private final Counter sent;

    private final Counter failed;

    DigestSender(DigestRepository repository, ObjectProvider<JavaMailSender> mailSender, DigestProperties properties,
            MeterRegistry registry) {
        this.repository = repository;
        this.mailSender = mailSender;
        this.properties = properties;
        // registered now, at zero: a counter that first appears at 1 loses that first increase
        this.sent = outcomeCounter(registry, "sent");
        this.failed = outcomeCounter(registry, "failed");
    }

    private static Counter outcomeCounter(MeterRegistry registry, String outcome) {
        return Counter.builder("spelling.digests").description("Digest mails, by the outcome of each attempt to send one")
                .tag("outcome", outcome).register(registry);
    }

    /**
     * Sends every PENDING digest whose next attempt is due and that no other worker holds.
     * @return how many this worker claimed
     */
    int sendDue() {
        List<Long> due = this.repository.due(BATCH);
        int claimed = 0;
        for (long id : due) {
            var digest = this.repository.claim(id, this.properties.claimTimeout());
            if (digest.isPresent()) {
                claimed++;
                send(digest.get());
            }
        }
        return claimed;
    }

    /**
     * Sends a digest just built, which its build claimed, unless its claim expired while the digests
     * built before it (other desks') were sent and another worker took it over: that worker sends it.
     * @param digest the digest as built
     * @return whether SMTP accepted it from this worker
     */
    boolean sendBuilt(ClaimedDigest digest) {
        if (!this.repository.renewClaim(digest.id(), digest.attempts(), this.properties.claimTimeout())) {
            log.info("Digest {} not sent here: its claim expired while the digests before it were sent, and another "
                    + "worker took it over (spelling.digest.claim-timeout {})", digest.id(), this.properties.claimTimeout());
            return false;
        }
        return send(digest);
    }

    /**
     * Sends a digest the caller has claimed.
     * @param digest the claimed digest
     * @return whether SMTP accepted it
     */
    boolean send(ClaimedDigest digest) {
        Optional<String> notDelivered;
        try {
            JavaMailSender sender = this.mailSender.getIfAvailable();
            if (sender == null) {
                throw new IllegalStateException("no mail server configured (spring.mail.host)");
            }
            MimeMessage message = sender.createMimeMessage();
            compose(message, digest);
            notDelivered = send(sender, message, digest);
        }
        catch (Exception ex) {
            Duration retryIn = backOff(digest.attempts());
            this.repository.markFailed(digest.id(), retryIn, describe(ex));
            this.failed.increment();
            log.warn("Digest not sent digestId={} attempt={} errors={} reports={} retryIn={}: {}", digest.id(),
                    digest.attempts(), digest.errorCount(), digest.reportCount(), retryIn, describe(ex));
            return false;
        }
        this.repository.markSent(digest.id(), notDelivered.map((failure) -> "Sent, but " + failure).orElse(null));
        this.sent.increment();
        if (notDelivered.isPresent()) {
            log.warn("Digest sent digestId={} recipients={} attempt={} errors={} reports={}, but {} (check "
                    + "spelling.digest.recipients and its routes' recipients)", digest.id(), digest.recipients(),
                    digest.attempts(), digest.errorCount(), digest.reportCount(), notDelivered.get());
        }
        else {
            log.info("Digest sent digestId={} recipients={} attempt={} errors={} reports={}", digest.id(),
                    digest.recipients(), digest.attempts(), digest.errorCount(), digest.reportCount());
        }
        return true;
    }

    /**
     * Sends; a failure to close the connection after the server accepted the mail is not a failure to
     * send it, nor is the server's refusal of some of its recipients once it took it for the others.
     * @return who did not get it, and why, when the server refused some recipients
     */
    private static Optional<String> send(JavaMailSender sender, MimeMessage message, ClaimedDigest digest) {
        try {
            sender.send(message);
            return Optional.empty();
        }
        catch (MailException ex) {
            Optional<String> notDelivered = SmtpOutcome.partlyDelivered(ex, message);
            if (notDelivered.isPresent()) {
                return notDelivered;
            }
            if (!SmtpOutcome.acceptedAll(ex)) {
                throw ex;
            }
            log.warn("Digest accepted by SMTP digestId={}, then closing the connection failed: {}", digest.id(),
                    ex.getMostSpecificCause().getMessage());
            return Optional.empty();
        }
    }

    /**
     * @param attempts attempts made so far, at least 1
     * @return the initial interval doubled per further attempt, at most the maximum interval
     */
    Duration backOff(int attempts) {
        Duration initial = this.properties.retryInitialInterval();
        Duration max = this.properties.retryMaxInterval();
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        Duration wait = initial.multipliedBy(1L << doublings);
        return (wait.compareTo(max) > 0) ? max : wait;
    }

    static void compose(MimeMessage message, ClaimedDigest digest) throws MessagingException {
        InternetAddress from = new InternetAddress(digest.from(), true);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse(digest.recipients(), true));
        message.setSubject(digest.subject(), StandardCharsets.UTF_8.name());
        message.setSentDate(new Date());
        message.setHeader("Message-ID", messageId(digest.id(), from.getAddress()));
        message.setHeader("X-Spelling-Digest-Id", Long.toString(digest.id()));
        message.setHeader("Auto-Submitted", "auto-generated");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(digest.text(), StandardCharsets.UTF_8.name(), "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(digest.html(), StandardCharsets.UTF_8.name(), "html");
        // multipart/alternative: the last part is the preferred one
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(text);
        alternative.addBodyPart(html);
        message.setContent(alternative);
    }

    static String messageId(long digestId, String fromAddress) {
        int at = fromAddress.lastIndexOf('@');
        String domain = (at >= 0 && at < fromAddress.length() - 1) ? fromAddress.substring(at + 1) : "spelling-reports";
        return "<digest-" + digestId + "@" + domain + ">";
    }

    private static String describe(Exception ex) {
        StringBuilder description = new StringBuilder(ex.getClass().getSimpleName()).append(": ").append(ex.getMessage());
        Throwable cause = ex.getCause();
        if (cause != null && cause != ex) {
            description.append(" (").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage()).append(')');
        }
        return description.length() > 2000 ? description.substring(0, 2000) : description.toString();
    }

}
