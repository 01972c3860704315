package io.github.spellingreports.worker.mail;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.github.spellingreports.worker.text.BidiDialect;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The template engine of the worker's mails (digests, hot-typo alerts): {@code templates/mail/*.html}
 * in HTML mode and {@code *.txt} in text mode. Its own engine rather than the web one, so that mail
 * rendering does not depend on the console's view configuration. Templates show readers' text through
 * {@code #bidi.confine(...)} ({@link BidiDialect}).
 */
public final class MailTemplates {

    private MailTemplates() {
    }

    /** @return a new engine; keep one per renderer (it caches parsed templates) */
    public static SpringTemplateEngine engine() {
        SpringTemplateEngine engine = new SpringTemplateEngine();
        engine.addTemplateResolver(resolver(TemplateMode.HTML, "*.html", 1));
        engine.addTemplateResolver(resolver(TemplateMode.TEXT, "*.txt", 2));
        engine.addDialect(new BidiDialect());
        return engine;
    }

    private static ClassLoaderTemplateResolver resolver(TemplateMode mode, String pattern, int order) {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver(MailTemplates.class.getClassLoader());
        resolver.setPrefix("templates/mail/");
        resolver.setTemplateMode(mode);
        resolver.setResolvablePatterns(Set.of(pattern));
        resolver.setCharacterEncoding(StandardCharsets.UTF_8.name());
        resolver.setCheckExistence(true);
        resolver.setCacheable(true);
        resolver.setOrder(order);
        return resolver;
    }

}
