package io.github.spellingreports.standalone.mail;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.store.MailFolder;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.MessageDeliveryHandler;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server on 127.0.0.1 (GreenMail) that keeps every mail it accepts, for sites that have
 * no mail server of their own: the digest arrives here and editors read it at {@code /console/inbox} in
 * the worker. Mail is kept in memory only, the newest {@link #MAX_MAILS}, so a restart empties the
 * inbox (the digests themselves are recorded in the database).
 */
public final class LocalInbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInbox.class);

    /** The only address the SMTP server listens on. */
    public static final String HOST = "127.0.0.1";

    /**
     * Mails kept: the oldest go as new ones arrive, so that the inbox of a standalone that runs for
     * months does not fill its heap (a copy of each mail per recipient). The digest archive keeps
     * every digest.
     */
    public static final int MAX_MAILS = 500;

    private final GreenMail greenMail;

    private final int maxMails;

    private LocalInbox(GreenMail greenMail, int maxMails) {
        this.greenMail = greenMail;
        this.maxMails = maxMails;
    }

    /**
     * @param port the SMTP port on 127.0.0.1
     * @return the running inbox
     * @throws IllegalStateException when the port cannot be opened
     */
    public static LocalInbox start(int port) {
        return start(port, MAX_MAILS);
    }

    static LocalInbox start(int port, int maxMails) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
        LocalInbox inbox = new LocalInbox(greenMail, maxMails);
        UserManager users = greenMail.getUserManager();
        MessageDeliveryHandler delivery = users.getMessageDeliveryHandler();
        // before each copy is stored: the inbox holds at most one mail more than it keeps
        users.setMessageDeliveryHandler((message, address) -> {
            inbox.keepNewest();
            return delivery.handle(message, address);
        });
        try {
            greenMail.start();
        }
        catch (RuntimeException ex) {
            throw new IllegalStateException("Local SMTP server did not start on " + HOST + ":" + port + ": " + ex.getMessage(), ex);
        }
        log.info("Local mail inbox accepting SMTP on {}:{}", HOST, port);
        return inbox;
    }

    /**
     * @return the SMTP port
     */
    public int port() {
        return this.greenMail.getSmtp().getPort();
    }

    /**
     * @return every mail received so far, once however many recipients it had, in order of arrival
     */
    public List<InboxMessage> messages() {
        List<MimeMessage> received = received();
        List<InboxMessage> messages = new ArrayList<>(received.size());
        for (int i = 0; i < received.size(); i++) {
            messages.add(read(i, received.get(i)));
        }
        return messages;
    }

    /**
     * @param number position in the inbox, from 0
     * @return that message, if there is one
     */
    public Optional<InboxMessage> message(int number) {
        List<MimeMessage> received = received();
        return (number < 0 || number >= received.size()) ? Optional.empty() : Optional.of(read(number, received.get(number)));
    }

    /**
     * The SMTP server keeps a copy of a mail in each recipient's mailbox, and lists the mailboxes one
     * after the other: a digest to two editors was listed twice, and a mail to one desk after every
     * mail to another, whenever they came.
     * @return each mail once (by its Message-ID), in order of arrival
     */
    private List<MimeMessage> received() {
        return keepNewest().values().stream().map(StoredMessage::getMimeMessage).toList();
    }

    /** @return the copies held, one per recipient of each mail (what the inbox's memory grows with) */
    int storedCopies() {
        return this.greenMail.getManagers().getImapHostManager().getAllMessages().size();
    }

    /**
     * Removes the oldest mails, every recipient's copy, beyond the newest {@link #maxMails}.
     * @return the mails kept, in order of arrival, each by its first copy
     */
    private synchronized Map<Object, StoredMessage> keepNewest() {
        List<StoredMessage> stored = new ArrayList<>(this.greenMail.getManagers().getImapHostManager().getAllMessages());
        stored.sort(Comparator.comparing(StoredMessage::getReceivedDate, Comparator.nullsFirst(Comparator.naturalOrder())));
        Map<Object, StoredMessage> mails = new LinkedHashMap<>();
        stored.forEach((message) -> mails.putIfAbsent(mail(message), message));
        if (mails.size() <= this.maxMails) {
            return mails;
        }
        Set<Object> oldest = mails.keySet().stream().limit(mails.size() - this.maxMails).collect(Collectors.toSet());
        ImapHostManager mailboxes = this.greenMail.getManagers().getImapHostManager();
        for (GreenMailUser user : this.greenMail.getUserManager().listUser()) {
            try {
                MailFolder mailbox = mailboxes.getInbox(user);
                boolean removed = false;
                for (StoredMessage message : mailbox.getMessages()) {
                    if (oldest.contains(mail(message))) {
                        message.setFlag(Flags.Flag.DELETED, true);
                        removed = true;
                    }
                }
                if (removed) {
                    mailbox.expunge();
                }
            }
            catch (FolderException ex) {
                log.warn("Could not remove old mail from the local inbox of {}: {}", user.getEmail(), ex.getMessage());
            }
        }
        mails.keySet().removeAll(oldest);
        return mails;
    }

    /** @return what makes the copies of one mail one: its Message-ID, or the copy itself when it has none */
    private static Object mail(StoredMessage message) {
        try {
            String id = message.getMimeMessage().getMessageID();
            return (id != null) ? id : message;
        }
        catch (MessagingException ex) {
            return message;
        }
    }

    @Override
    public void close() {
        this.greenMail.stop();
        log.info("Local mail inbox stopped");
    }

    private static InboxMessage read(int number, MimeMessage message) {
        try {
            Date sent = message.getSentDate();
            Date received = message.getReceivedDate();
            Instant sentAt = (sent != null) ? sent.toInstant() : (received != null) ? received.toInstant() : Instant.EPOCH;
            Bodies bodies = new Bodies();
            bodies.collect(message);
            return new InboxMessage(number, Optional.ofNullable(message.getSubject()).orElse("(no subject)"),
                    addresses(message.getFrom()), addresses(message.getRecipients(Message.RecipientType.TO)),
                    sentAt, bodies.html, bodies.text);
        }
        catch (MessagingException | IOException ex) {
            return new InboxMessage(number, "(unreadable message: " + ex.getMessage() + ")", "", "", Instant.EPOCH, "", "");
        }
    }

    private static String addresses(Address[] addresses) {
        return (addresses != null) ? Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", ")) : "";
    }

    /** The first HTML and the first plain-text body of a message, attachments skipped. */
    private static final class Bodies {

        private String html = "";

        private String text = "";

        void collect(Part part) throws MessagingException, IOException {
            if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
                return;
            }
            if (part.isMimeType("multipart/*")) {
                Multipart multipart = (Multipart) part.getContent();
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart child = multipart.getBodyPart(i);
                    collect(child);
                }
            }
            else if (part.isMimeType("text/html") && this.html.isEmpty()) {
                this.html = String.valueOf(part.getContent());
            }
            else if (part.isMimeType("text/plain") && this.text.isEmpty()) {
                this.text = String.valueOf(part.getContent());
            }
        }

    }

}
