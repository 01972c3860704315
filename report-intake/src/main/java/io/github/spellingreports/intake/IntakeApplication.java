package io.github.spellingreports.intake;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The public edge: validates readers' reports and publishes them to Kafka.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class IntakeApplication {

    /** Configuration file base name, {@code intake.yml}: intake and worker can share one classpath. */
    public static final String CONFIG_NAME = "intake";

    public static void main(String[] args) {
        builder().run(args);
    }

    /**
     * @return a builder for this application with its configuration name set
     */
    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(IntakeApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }

}
