package io.github.spellingreports.standalone.mail;

import java.time.Instant;

/**
 * One mail the local inbox received, as editors see it; in its list, without its bodies.
 *
 * @param number the mail's number, from 0 in order of arrival, kept while the inbox keeps the mail
 * @param subject the subject line
 * @param from the sender
 * @param to the recipients
 * @param sentAt the {@code Date} header, or the time of arrival when it has none
 * @param html the HTML part as mailed, empty when there is none (and in the list)
 * @param text the plain-text part, empty when there is none (and in the list)
 */
public record InboxMessage(int number, String subject, String from, String to, Instant sentAt, String html, String text) {
}
