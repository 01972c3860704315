package io.github.spellingreports.intake.abuse;

import java.time.InstantSource;

import io.github.spellingreports.intake.config.IntakeProperties;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Abuse control of the public edge: security headers on everything, browser origin check and
 * rate limits on {@code POST /api/v1/reports}, reader identity as a salted hash, the honeypot.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class AbuseConfiguration implements WebMvcConfigurer {

    static final String REPORTS = "/api/v1/reports";

    private final RateLimitProperties rateLimit;

    private final ObjectProvider<Clients> clients;

    private final ObjectProvider<Refusals> refusals;

    AbuseConfiguration(RateLimitProperties rateLimit, ObjectProvider<Clients> clients,
            ObjectProvider<Refusals> refusals) {
        this.rateLimit = rateLimit;
        this.clients = clients;
        this.refusals = refusals;
    }

    @Bean
    static Clients clients(IntakeProperties properties) {
        return new Clients(properties.clientHashSalt(), properties.trustedProxies());
    }

    @Bean
    static Refusals refusals(ObjectProvider<MeterRegistry> registry) {
        // Slice tests have no meter registry; counting into a private one keeps the code path the same.
        return new Refusals(registry.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    static Honeypot honeypot(Refusals refusals) {
        return new Honeypot(refusals);
    }

    @Bean
    static FilterRegistrationBean<SecurityHeadersFilter> securityHeadersFilter() {
        FilterRegistrationBean<SecurityHeadersFilter> registration = new FilterRegistrationBean<>(new SecurityHeadersFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    @Bean
    static FilterRegistrationBean<BrowserOriginFilter> browserOriginFilter(IntakeProperties properties,
            @Qualifier("handlerExceptionResolver") HandlerExceptionResolver problems, Refusals refusals) {
        FilterRegistrationBean<BrowserOriginFilter> registration = new FilterRegistrationBean<>(
                new BrowserOriginFilter(properties.allowedOrigins(), problems, refusals));
        registration.addUrlPatterns(REPORTS);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        return registration;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        if (rateLimit.enabled()) {
            RateLimiter limiter = new RateLimiter(rateLimit.perClient(), rateLimit.global(), rateLimit.maxClients(),
                    InstantSource.system());
            registry.addInterceptor(new RateLimitInterceptor(limiter, clients.getObject(), refusals.getObject()))
                    .addPathPatterns(REPORTS);
        }
    }

}
