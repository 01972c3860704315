package io.github.spellingreports.worker.mail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.MimeMessage;

import org.springframework.mail.MailException;
import org.springframework.mail.MailSendException;

/**
 * What a failed {@code JavaMailSender.send} means for the mails it was given.
 */
public final class SmtpOutcome {

    /** The server's answers quoted at most: one per refused recipient. */
    private static final int MAX_ANSWERS = 10;

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

    /**
     * With {@code mail.smtp.sendpartial} (set in {@code worker.yml}) a server that refuses some
     * recipients of a message ({@code 550 5.1.1 User unknown}: an editor who left) gets it for the
     * others, and Jakarta Mail then throws a {@link SendFailedException} naming the addresses that got
     * it. Such a message is sent: sending it again would mail the others twice, and would never reach
     * the refused ones either.
     * @param ex what {@code send} threw
     * @param message one of the messages given to {@code send}
     * @return who did not get the message and why, when the server accepted it for at least one
     *         recipient; empty when it did not accept it at all (or accepted it for everyone)
     */
    public static Optional<String> partlyDelivered(MailException ex, MimeMessage message) {
        if (!(ex instanceof MailSendException send)
                || !(send.getFailedMessages().get(message) instanceof SendFailedException failure)
                || failure.getValidSentAddresses() == null || failure.getValidSentAddresses().length == 0) {
            return Optional.empty();
        }
        Set<String> notSent = new LinkedHashSet<>();
        addresses(failure.getInvalidAddresses(), notSent);
        addresses(failure.getValidUnsentAddresses(), notSent);
        List<String> answers = new ArrayList<>();
        for (Exception next = failure.getNextException(); next != null && answers.size() < MAX_ANSWERS;
                next = (next instanceof MessagingException messaging) ? messaging.getNextException() : null) {
            if (next.getMessage() != null && !next.getMessage().isBlank()) {
                answers.add(next.getMessage().strip());
            }
        }
        String why = answers.isEmpty() ? Objects.toString(failure.getMessage(), "refused")
                : String.join("; ", answers);
        return Optional.of("not delivered to " + String.join(", ", notSent) + ": " + why);
    }

    private static void addresses(Address[] addresses, Set<String> into) {
        if (addresses != null) {
            Arrays.stream(addresses).map(Address::toString).forEach(into::add);
        }
    }

}
