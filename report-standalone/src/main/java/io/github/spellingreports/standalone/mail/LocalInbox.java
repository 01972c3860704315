package io.github.spellingreports.standalone.mail;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.ref.WeakReference;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An SMTP server on 127.0.0.1 (GreenMail) that keeps every mail it accepts, for sites that have
 * no mail server of their own: the digest arrives here and editors read it at {@code /console/inbox} in
 * the worker. Mail is kept in memory only, the newest within {@link Limits}, so a restart empties the
 * inbox (the digests themselves are recorded in the database). Each mail is kept once, however many
 * recipients it had, under a number of its own that it keeps while it is kept.
 */
public final class LocalInbox implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(LocalInbox.class);

    /** The only address the SMTP server listens on. */
    public static final String HOST = "127.0.0.1";

    /** Mails kept at most: the oldest go as new ones arrive. */
    public static final int MAX_MAILS = 500;

    /** Bytes the mails kept may have together, at most: the oldest go as new ones arrive. */
    public static final long MAX_BYTES = 50L * 1024 * 1024;

    /** Bytes of one mail, at most; a larger one is dropped (a digest of 10,000 errors has about 280 KB). */
    public static final long MAX_MAIL_BYTES = 5L * 1024 * 1024;

    /** Parses the mails kept, when one is shown; no transport is ever used. */
    private static final Session SESSION = Session.getInstance(new Properties());

    private final GreenMail greenMail;

    private final Limits limits;

    /** By number, oldest first. */
    private final Map<Integer, Kept> kept = new LinkedHashMap<>();

    private int nextNumber;

    private long storedBytes;

    /** The mail the SMTP server hands over once per recipient: kept at the first, not held once dropped. */
    private WeakReference<MimeMessage> lastReceived = new WeakReference<>(null);

    private LocalInbox(GreenMail greenMail, Limits limits) {
        this.greenMail = greenMail;
        this.limits = limits;
    }

    /**
     * @param port the SMTP port on 127.0.0.1
     * @return the running inbox
     * @throws IllegalStateException when the port cannot be opened
     */
    public static LocalInbox start(int port) {
        return start(port, Limits.DEFAULT);
    }

    static LocalInbox start(int port, Limits limits) {
        GreenMail greenMail = new GreenMail(new ServerSetup(port, HOST, ServerSetup.PROTOCOL_SMTP));
        LocalInbox inbox = new LocalInbox(greenMail, limits);
        // GreenMail keeps a copy of each mail per recipient, unbounded: the inbox keeps its own, once
        greenMail.getUserManager().setMessageDeliveryHandler((message, address) -> {
            inbox.receive(message.getMessage());
            return Discard.USER;
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
     * @return every mail kept, in order of arrival, without its bodies
     */
    public synchronized List<InboxMessage> messages() {
        return this.kept.values().stream().map(Kept::summary).toList();
    }

    /**
     * @param number the mail's number
     * @return that mail with its bodies, if it is kept
     */
    public Optional<InboxMessage> message(int number) {
        Kept mail;
        synchronized (this) {
            mail = this.kept.get(number);
        }
        return Optional.ofNullable(mail).map(Kept::read);
    }

    /** @return the bytes of the mails kept */
    synchronized long storedBytes() {
        return this.storedBytes;
    }

    private synchronized void receive(MimeMessage message) {
        if (this.lastReceived.get() == message) {
            return;
        }
        this.lastReceived = new WeakReference<>(message);
        InboxMessage summary = summary(this.nextNumber, message, Instant.now());
        // the body's size, known without a copy; the headers come on top
        long size;
        byte[] raw;
        try {
            size = message.getSize();
            raw = (size > this.limits.maxMailBytes()) ? null : bytes(message);
        }
        catch (MessagingException | IOException ex) {
            log.warn("Local mail inbox dropped a mail it could not read (\"{}\" to {}): {}", oneLine(summary.subject()),
                    oneLine(summary.to()), ex.toString());
            return;
        }
        if (raw == null || raw.length > this.limits.maxMailBytes()) {
            // any user of the machine may send it: its subject stays on one line of the log
            log.warn("Local mail inbox dropped a mail of {} KB (\"{}\" to {}): larger than the {} KB it keeps of one mail",
                    ((raw != null) ? raw.length : size) / 1024, oneLine(summary.subject()), oneLine(summary.to()),
                    this.limits.maxMailBytes() / 1024);
            return;
        }
        this.kept.put(this.nextNumber++, new Kept(summary, raw));
        this.storedBytes += raw.length;
        Iterator<Kept> oldest = this.kept.values().iterator();
        while (this.kept.size() > this.limits.maxMails() || this.storedBytes > this.limits.maxBytes()) {
            this.storedBytes -= oldest.next().raw().length;
            oldest.remove();
        }
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\p{Cntrl}", " ");
    }

    private static byte[] bytes(MimeMessage message) throws MessagingException, IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(message.getSize(), 0) + 8192);
        message.writeTo(bytes);
        return bytes.toByteArray();
    }

    /** Headers only: the list page shows these, and reads no body. */
    private static InboxMessage summary(int number, MimeMessage message, Instant arrived) {
        try {
            Date sent = message.getSentDate();
            return new InboxMessage(number, Optional.ofNullable(message.getSubject()).orElse("(no subject)"),
                    addresses(message.getFrom()), addresses(message.getRecipients(Message.RecipientType.TO)),
                    (sent != null) ? sent.toInstant() : arrived, "", "");
        }
        catch (MessagingException ex) {
            return new InboxMessage(number, "(unreadable message: " + ex.getMessage() + ")", "", "", arrived, "", "");
        }
    }

    @Override
    public void close() {
        this.greenMail.stop();
        log.info("Local mail inbox stopped");
    }

    /** What the inbox keeps of one mail: what its list shows, and the mail as received. */
    private record Kept(InboxMessage summary, byte[] raw) {

        InboxMessage read() {
            try {
                Bodies bodies = new Bodies();
                bodies.collect(new MimeMessage(SESSION, new ByteArrayInputStream(this.raw)));
                return new InboxMessage(this.summary.number(), this.summary.subject(), this.summary.from(),
                        this.summary.to(), this.summary.sentAt(), bodies.html, bodies.text);
            }
            catch (MessagingException | IOException ex) {
                return new InboxMessage(this.summary.number(), "(unreadable message: " + ex.getMessage() + ")",
                        this.summary.from(), this.summary.to(), this.summary.sentAt(), "", "");
            }
        }

    }

    /**
     * What the inbox keeps.
     * @param maxMails mails at most; the oldest go as new ones arrive
     * @param maxBytes bytes of all mails at most; the oldest go as new ones arrive
     * @param maxMailBytes bytes of one mail at most; a larger one is dropped with a warning
     */
    record Limits(int maxMails, long maxBytes, long maxMailBytes) {

        static final Limits DEFAULT = new Limits(MAX_MAILS, MAX_BYTES, MAX_MAIL_BYTES);

    }

    /** The recipient GreenMail delivers to once the inbox has its copy: it keeps nothing. */
    private static final class Discard implements GreenMailUser {

        static final GreenMailUser USER = new Discard();

        @Override
        public String getEmail() {
            return "discard@localhost";
        }

        @Override
        public String getLogin() {
            return getEmail();
        }

        @Override
        public void deliver(MovingMessage message) {
        }

        @Override
        public void deliver(MimeMessage message) {
        }

        @Override
        public void create() {
        }

        @Override
        public void delete() {
        }

        @Override
        public String getPassword() {
            return null;
        }

        @Override
        public void setPassword(String password) {
        }

        @Override
        public void authenticate(String password) throws UserException {
            throw new UserException("The local inbox has no accounts");
        }

        @Override
        public String getQualifiedMailboxName() {
            return getLogin();
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
