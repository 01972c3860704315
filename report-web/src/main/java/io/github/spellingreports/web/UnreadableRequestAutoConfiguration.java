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
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;

/**
 * Registers {@link UnreadableParametersFilter}, and puts {@link UnreadableRequestValve} in the place
 * of Tomcat's {@link ErrorReportValve} on every host of a servlet application's embedded Tomcat.
 * Spring Boot adds its own error report valve while it configures the context, and Tomcat one more
 * when the host starts if none of its class is there: the swap is made as the host starts, after
 * both had their turn, whatever the order of the customizers.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(StandardHost.class)
public class UnreadableRequestAutoConfiguration {

    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> unreadableRequestValveCustomizer() {
        return valveCustomizer();
    }

    @Bean
    FilterRegistrationBean<UnreadableParametersFilter> unreadableParametersFilter() {
        return parametersFilter();
    }

    /** The same on the actuator's own port ({@code management.server.port}), a server of its own. */
    @ManagementContextConfiguration(value = ManagementContextType.CHILD, proxyBeanMethods = false)
    @ConditionalOnClass(StandardHost.class)
    static class ManagementServer {

        @Bean
        WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> managementUnreadableRequestValveCustomizer() {
            return valveCustomizer();
        }

        @Bean
        FilterRegistrationBean<UnreadableParametersFilter> managementUnreadableParametersFilter() {
            return parametersFilter();
        }

    }

    /**
     * After the character encoding filter (a form is read in the encoding it sets) and the
     * observation filter (the refusal is measured), before Spring Security and the applications'
     * own filters, which may ask for a parameter.
     */
    static FilterRegistrationBean<UnreadableParametersFilter> parametersFilter() {
        FilterRegistrationBean<UnreadableParametersFilter> registration = new FilterRegistrationBean<>(
                new UnreadableParametersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
        return registration;
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
