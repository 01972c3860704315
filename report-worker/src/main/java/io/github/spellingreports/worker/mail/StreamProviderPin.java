package io.github.spellingreports.worker.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

/**
 * Names Jakarta Mail's {@code StreamProvider} implementation (Angus Mail's) in the system property
 * that Jakarta Mail 2.1 reads first, unless it is set already.
 * <p>
 * Without it, Jakarta Mail 2.1 finds the provider with a new {@link java.util.ServiceLoader} for
 * every body part and multipart it creates and again for every one it writes (jakartaee/mail-api
 * issues 699 and 861): a scan of every jar of the class path, several times per mail. Profiled while
 * a backlog drain mailed thousands of hot-typo alerts, that scan was 40% of the alert thread's CPU.
 * With the property Jakarta Mail loads the named class instead, which the class loader has cached.
 * A singleton created at start-up, so before anything is mailed.
 */
@Component
class StreamProviderPin {

    /** The system property Jakarta Mail's {@code FactoryFinder} reads before it asks a ServiceLoader. */
    static final String PROPERTY = "jakarta.mail.util.StreamProvider";

    /** Angus Mail's implementation, the one the ServiceLoader would find on this class path. */
    static final String ANGUS = "org.eclipse.angus.mail.util.MailStreamProvider";

    private static final Logger log = LoggerFactory.getLogger(StreamProviderPin.class);

    StreamProviderPin() {
        pin();
    }

    /**
     * Sets the property to Angus Mail's provider when it is unset and Angus Mail is on the class path.
     * @return the property's value afterwards, or {@code null} if it is unset
     */
    static String pin() {
        if (System.getProperty(PROPERTY) == null && ClassUtils.isPresent(ANGUS, StreamProviderPin.class.getClassLoader())) {
            System.setProperty(PROPERTY, ANGUS);
            log.debug("Jakarta Mail's StreamProvider pinned to {}", ANGUS);
        }
        return System.getProperty(PROPERTY);
    }

}
