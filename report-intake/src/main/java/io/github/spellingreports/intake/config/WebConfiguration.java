package io.github.spellingreports.intake.config;

import java.time.Duration;

import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * CORS: pages of the allowed origins may post reports from the reader's browser; nobody else may.
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
                .allowCredentials(false)
                .maxAge(Duration.ofHours(1).toSeconds());
    }

}
