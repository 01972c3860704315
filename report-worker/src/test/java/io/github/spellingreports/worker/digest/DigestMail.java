package io.github.spellingreports.worker.digest;

import java.io.IOException;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * A received digest mail taken apart: its plain-text and HTML alternatives.
 *
 * @param message the message as received
 * @param text the text/plain part
 * @param html the text/html part, parsed
 */
record DigestMail(MimeMessage message, String text, Document html) {

    static DigestMail of(MimeMessage message) {
        try {
            Object content = message.getContent();
            if (!(content instanceof Multipart multipart) || !message.isMimeType("multipart/alternative")) {
                throw new AssertionError("expected multipart/alternative but was " + message.getContentType());
            }
            String text = null;
            String html = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart part = multipart.getBodyPart(i);
                if (part.isMimeType("text/plain")) {
                    text = (String) part.getContent();
                }
                else if (part.isMimeType("text/html")) {
                    html = (String) part.getContent();
                }
            }
            if (text == null || html == null) {
                throw new AssertionError("expected a text/plain and a text/html part");
            }
            return new DigestMail(message, text, Jsoup.parse(html));
        }
        catch (MessagingException | IOException ex) {
            throw new AssertionError("unreadable digest mail", ex);
        }
    }

    String subject() {
        try {
            return this.message.getSubject();
        }
        catch (MessagingException ex) {
            throw new AssertionError(ex);
        }
    }

    String header(String name) {
        try {
            return this.message.getHeader(name, ",");
        }
        catch (MessagingException ex) {
            throw new AssertionError(ex);
        }
    }

}
