package io.github.spellingreports.worker.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.Customizer;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.util.StringUtils;

/**
 * Who may use the worker: the API and console need a login (HTTP Basic for the API, a form for
 * browsers); health probes are open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    AdminAccount adminAccount(WorkerProperties properties) {
        WorkerProperties.Admin admin = properties.admin();
        if (StringUtils.hasText(admin.password())) {
            return new AdminAccount(admin.username(), admin.password(), false);
        }
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        log.warn("No admin password configured: generated password for '{}' is {} "
                + "(set SPELLING_WORKER_ADMIN_PASSWORD to choose one)", admin.username(), password);
        return new AdminAccount(admin.username(), password, true);
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    UserDetailsService userDetailsService(AdminAccount admin, PasswordEncoder passwordEncoder) {
        return new InMemoryUserDetailsManager(User.withUsername(admin.username())
                .password(passwordEncoder.encode(admin.password()))
                .roles("ADMIN", "EDITOR")
                .build());
    }

    /** API clients get the same problem-details shape for a missing login as for every other error. */
    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException ex) throws IOException {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"spelling-reports\"");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"Log in with the admin account (HTTP Basic).\"}");
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests((requests) -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/error").permitAll()
                        .requestMatchers("/api/**", "/actuator/**").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .httpBasic((basic) -> basic.authenticationEntryPoint(SecurityConfiguration::unauthorized))
                .formLogin(Customizer.withDefaults())
                .csrf((csrf) -> csrf.ignoringRequestMatchers("/api/**"))
                .build();
    }

}
