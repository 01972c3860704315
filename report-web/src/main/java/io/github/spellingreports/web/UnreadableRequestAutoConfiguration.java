package io.github.spellingreports.web;

import org.apache.catalina.Host;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;

/**
 * Puts {@link UnreadableRequestValve} in the place of Tomcat's {@link ErrorReportValve} on every
 * host of a servlet application's embedded Tomcat. Spring Boot adds its own error report valve
 * while it configures the context, and Tomcat one more when the host starts if none of its class
 * is there: the swap is made as the host starts, after both had their turn, whatever the order of
 * the customizers.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(StandardHost.class)
public class UnreadableRequestAutoConfiguration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> unreadableRequestValveCustomizer() {
        return valveCustomizer();
    }

    /** The same on the actuator's own port ({@code management.server.port}), a server of its own. */
    @ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
    @ConditionalOnClass(StandardHost.class)
    static class ManagementServer {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> managementUnreadableRequestValveCustomizer() {
            return valveCustomizer();
        }

    }

    static WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> valveCustomizer() {
        return (factory) -> factory.addContextCustomizers((context) -> {
            if (context.getParent() instanceof Host host) {
                host.addLifecycleListener((event) -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        install(host);
                    }
                });
            }
        });
    }

    static void install(Host host) {
        Pipeline pipeline = host.getPipeline();
        boolean installed = false;
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof UnreadableRequestValve) {
                installed = true;
            }
            else if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        if (!installed) {
            pipeline.addValve(new UnreadableRequestValve());
        }
        if (host instanceof StandardHost standard) {
            standard.setErrorReportValveClass(UnreadableRequestValve.class.getName());
        }
    }

}
