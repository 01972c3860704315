package io.github.spellingreports.standalone.kafka;

import java.util.List;
import java.util.concurrent.CompletionException;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The standalone's own logback.xml, read into a context of its own, with Kafka's log lines as Kafka writes them. */
class ControllerRegistrationRaceTests {

    private static final String REGISTRATION = "[ControllerApis nodeId=1] Unexpected error handling request RequestHeader("
            + "apiKey=CONTROLLER_REGISTRATION, apiVersion=0, clientId=1, correlationId=0, headerVersion=2) -- "
            + "ControllerRegistrationRequestData(controllerId=1, zkMigrationReady=false) with context RequestContext(...)";

    private final LoggerContext context = new LoggerContext();

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private Logger controllerApis;

    @BeforeEach
    void readTheStandalonesConfiguration() throws Exception {
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(this.context);
        configurator.doConfigure(getClass().getResource("/logback.xml"));
        this.appender.setContext(this.context);
        this.appender.start();
        Logger root = this.context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAndStopAllAppenders();
        root.addAppender(this.appender);
        this.controllerApis = this.context.getLogger(ControllerRegistrationRace.LOGGER);
    }

    @Test
    void theRegistrationRaceIsNoErrorButADebugLine() {
        this.controllerApis.error(REGISTRATION, new CompletionException(
                new NotControllerException("The active controller appears to be node 1.")));
        assertThat(this.appender.list).as("at the configured level (WARN)").isEmpty();

        this.controllerApis.setLevel(Level.DEBUG);
        this.controllerApis.error(REGISTRATION, new CompletionException(
                new NotControllerException("The active controller appears to be node 1.")));
        assertThat(this.appender.list).singleElement().satisfies((event) -> {
            assertThat(event.getLevel()).isEqualTo(Level.DEBUG);
            assertThat(event.getFormattedMessage()).isEqualTo("Controller registration raced the controller's activation "
                    + "and is retried: java.util.concurrent.CompletionException: "
                    + "org.apache.kafka.common.errors.NotControllerException: The active controller appears to be node 1.");
            assertThat(event.getThrowableProxy()).isNull();
        });
    }

    @Test
    void everyOtherErrorOfKafkaIsLoggedAsItWas() {
        this.controllerApis.error(REGISTRATION, new CompletionException(new TimeoutException("took too long")));
        this.controllerApis.error(REGISTRATION.replace("CONTROLLER_REGISTRATION", "BROKER_REGISTRATION"),
                new CompletionException(new NotControllerException("The active controller appears to be node 1.")));
        this.context.getLogger("kafka.server.BrokerServer").error(REGISTRATION, new NotControllerException("node 1"));

        List<ILoggingEvent> events = this.appender.list;
        assertThat(events).hasSize(3).allSatisfy((event) -> {
            assertThat(event.getLevel()).isEqualTo(Level.ERROR);
            assertThat(event.getThrowableProxy()).isNotNull();
        });
    }

}
