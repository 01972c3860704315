package io.github.spellingreports.standalone.kafka;

import java.util.concurrent.CompletionException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.NotControllerException;
import org.slf4j.Marker;

/**
 * Keeps one known race of Kafka's out of the standalone's log as an ERROR. A single node that is
 * both broker and controller registers its controller with itself as it starts; when that request
 * arrives while the node is still becoming the active controller, Kafka's {@code ControllerApis}
 * logs "Unexpected error handling request ... CONTROLLER_REGISTRATION" with a
 * {@link NotControllerException} ("The active controller appears to be node 1") and a stack trace,
 * and the registration is sent again and succeeds. Seen on about every other start of an existing
 * data directory; nothing for an operator to do, so it is logged at DEBUG, in one line. Any other
 * error of that logger passes unchanged.
 */
public class ControllerRegistrationRace extends TurboFilter {

    static final String LOGGER = "kafka.server.ControllerApis";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.ERROR || !LOGGER.equals(logger.getName()) || format == null
                || !format.contains("apiKey=CONTROLLER_REGISTRATION") || !isNotController(t)) {
            return FilterReply.NEUTRAL;
        }
        logger.debug("Controller registration raced the controller's activation and is retried: {}", t.toString());
        return FilterReply.DENY;
    }

    private static boolean isNotController(Throwable t) {
        Throwable cause = (t instanceof CompletionException) ? t.getCause() : t;
        return cause instanceof NotControllerException;
    }

}
