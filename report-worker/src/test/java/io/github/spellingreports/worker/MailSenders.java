package io.github.spellingreports.worker;

import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.mail.javamail.JavaMailSender;

import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** Mail senders for the digest's and the alerts' senders, which take one through an {@link ObjectProvider}. */
public final class MailSenders {

    private MailSenders() {
    }

    /** @return a mock sender (for unit tests) whose messages are real ones, for the code under test to compose */
    public static JavaMailSender mocked() {
        JavaMailSender sender = mock(JavaMailSender.class);
        when(sender.createMimeMessage()).thenAnswer((invocation) -> new MimeMessage(Session.getInstance(new Properties())));
        return sender;
    }

    /** @return a provider of the sender, as the application context gives it */
    public static ObjectProvider<JavaMailSender> providing(JavaMailSender sender) {
        return new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class);
    }

}
