package io.github.spellingreports.worker.mail;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

/**
 * What a failed {@code JavaMailSender.send} means for the mails it was given.
 */
public final class SmtpOutcome {

    private SmtpOutcome() {
    }

    /**
     * Spring's {@code JavaMailSenderImpl} names every message the server refused, or did not get
     * because the connection failed, in {@link MailSendException#getFailedMessages()}; it throws one
     * that names none only when closing the connection failed after the server had accepted every
     * message ("Failed to close server connection after message sending": a QUIT without an answer,
     * a connection reset). Those mails are sent: marking them failed would mail them again.
     * @param ex what {@code send} threw
     * @return whether the server accepted every message all the same
     */
    public static boolean acceptedAll(MailException ex) {
        return ex instanceof MailSendException send && send.getFailedMessages().isEmpty();
    }

}
