package io.github.spellingreports.worker.text;

import java.util.Set;

import org.springframework.stereotype.Component;
import org.thymeleaf.context.IExpressionContext;
import org.thymeleaf.dialect.AbstractDialect;
import org.thymeleaf.dialect.IExpressionObjectDialect;
import org.thymeleaf.expression.IExpressionObjectFactory;

/**
 * Gives templates {@code #bidi}: {@code th:text="${#bidi.confine(e.selection())}"} shows reader's text
 * {@linkplain BidiText#confine confined}, {@code #bidi.address(e.pageUrl())} a page's address as a
 * person reads it ({@link ReadableAddress}), {@code #bidi.page(e.pageTitle(), e.pageUrl())} its title or,
 * without one, that address. The console's engine gets it as a bean, the mail engine from
 * {@code MailTemplates}.
 */
@Component
public final class BidiDialect extends AbstractDialect implements IExpressionObjectDialect {

    private static final String OBJECT_NAME = "bidi";

    private static final Confiner CONFINER = new Confiner();

    public BidiDialect() {
        super("Bidi");
    }

    @Override
    public IExpressionObjectFactory getExpressionObjectFactory() {
        return new IExpressionObjectFactory() {

            @Override
            public Set<String> getAllExpressionObjectNames() {
                return Set.of(OBJECT_NAME);
            }

            @Override
            public Object buildObject(IExpressionContext context, String expressionObjectName) {
                return OBJECT_NAME.equals(expressionObjectName) ? CONFINER : null;
            }

            @Override
            public boolean isCacheable(String expressionObjectName) {
                return true;
            }

        };
    }

    /** The {@code #bidi} expression object. */
    public static final class Confiner {

        private Confiner() {
        }

        /**
         * @param text reader's text, or {@code null}
         * @return {@link BidiText#confine(String)} of it
         */
        public String confine(String text) {
            return BidiText.confine(text);
        }

        /**
         * @param url a page's address as stored, or {@code null}
         * @return the address as a person reads it ({@link ReadableAddress}), confined like reader's text
         */
        public String address(String url) {
            return BidiText.confine(ReadableAddress.of(url));
        }

        /**
         * @param title a page's title, {@code null}, or its address where a page without a title is named by it
         * @param url the page's address as stored
         * @return the title confined, or the {@linkplain #address address} where the page has no title of its own
         */
        public String page(String title, String url) {
            return (title == null || title.equals(url)) ? address(url) : confine(title);
        }

    }

}
