package io.github.spellingreports.standalone;

import java.util.Map;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

/**
 * Gives one of the two applications the standalone's settings (where the broker, the database
 * and the mail server are, which port to use) with a precedence between the user's and the
 * application's own: above the application's {@code intake.yml} / {@code worker.yml}, below
 * command-line arguments, system properties and environment variables, so that
 * {@code SPRING_MAIL_HOST=...} or {@code --server.address=...} still win.
 * <p>
 * Inserted once the configuration files are loaded and before logging is initialised, so that
 * {@code logging.*} entries take effect as well.
 */
final class ServicePropertySource implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

    /** After {@code EnvironmentPostProcessorApplicationListener} (+10), before {@code LoggingApplicationListener} (+20). */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 15;

    private final String name;

    private final Map<String, Object> properties;

    ServicePropertySource(String name, Map<String, Object> properties) {
        this.name = name;
        this.properties = Map.copyOf(properties);
    }

    @Override
    public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
        MutablePropertySources sources = event.getEnvironment().getPropertySources();
        MapPropertySource source = new MapPropertySource(this.name, this.properties);
        if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
            sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, source);
        }
        else {
            sources.addFirst(source);
        }
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

}
