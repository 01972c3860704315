package io.github.spellingreports.intake.config;

import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The web edge: CORS for the allowed origins only, JSON input read strictly, and the intake's meters.
 */
@Configuration(proxyBeanMethods = false)
class WebConfiguration implements WebMvcConfigurer {

    private final IntakeProperties properties;

    WebConfiguration(IntakeProperties properties) {
        this.properties = properties;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/api/v1/reports")
                .allowedOrigins(properties.allowedOrigins().toArray(String[]::new))
                .allowedMethods(HttpMethod.POST.name())
                .allowedHeaders("Content-Type")
                // Not CORS-safelisted: without this the widget could not read when to retry after a 503.
                .exposedHeaders("Retry-After")
                .allowCredentials(false)
                .maxAge(Duration.ofHours(1).toSeconds());
    }

    @Bean
    static IntakeMeters intakeMeters(ObjectProvider<MeterRegistry> registry) {
        // Slice tests have no meter registry; counting into a private one keeps the code path the same.
        return new IntakeMeters(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    /** A number or boolean where text belongs is a client bug: answer 400 instead of quietly storing "42". */
    @Bean
    static JsonMapperBuilderCustomizer strictTextFields() {
        return builder -> builder.withCoercionConfig(LogicalType.Textual, config -> config
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail));
    }

}
