package io.github.spellingreports.worker;

import java.util.Map;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

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

    /**
     * A sender to an SMTP server on 127.0.0.1 with the worker's mail settings ({@code spring.mail.properties}
     * of {@code worker.yml}), as a test context's {@code mailSender} bean: a bean rather than properties,
     * because the base class's dynamic {@code spring.mail.port} wins over a subclass's.
     */
    public static JavaMailSenderImpl toLocalPort(int port, Environment environment) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost("127.0.0.1");
        sender.setPort(port);
        sender.setDefaultEncoding("UTF-8");
        Properties properties = new Properties();
        properties.putAll(Binder.get(environment)
                .bind("spring.mail.properties", Bindable.mapOf(String.class, String.class)).orElse(Map.of()));
        sender.setJavaMailProperties(properties);
        return sender;
    }

    /** @return a provider of the sender, as the application context gives it */
    public static ObjectProvider<JavaMailSender> providing(JavaMailSender sender) {
        return new StaticListableBeanFactory(Map.of("mailSender", sender)).getBeanProvider(JavaMailSender.class);
    }

}
