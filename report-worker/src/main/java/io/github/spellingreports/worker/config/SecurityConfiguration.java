package io.github.spellingreports.worker.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;

import io.github.spellingreports.worker.queue.DatabaseOutage;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.DefaultAuthenticationEventPublisher;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.event.AuthenticationFailureServiceExceptionEvent;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.header.writers.DelegatingRequestMatcherHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.StringUtils;

/**
 * Who may use the worker: the API and console need a login (HTTP Basic for the API, a form for
 * browsers); health probes are open. Accounts: the configured administrator ({@link AdminAccount})
 * and the accounts an administrator creates in the console (the console's user details service).
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    /** Role of the configured administrator and of admin accounts: users, digests, ops. */
    static final String ADMIN = "ADMIN";

    /** Role of editors: the queue and the digest archive. */
    static final String EDITOR = "EDITOR";

    /**
     * No inline script or style, nothing from elsewhere; frames only from this origin (the digest
     * archive shows a stored mail in a sandboxed frame, served with its own stricter policy).
     */
    static final String CONSOLE_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";

    /**
     * Stored mails as mailed ({@code /console/digests/{id}/html}, and the standalone's local inbox
     * at {@code /console/inbox/{n}/html}), shown in a sandboxed frame of a console page.
     */
    private static final RequestMatcher STORED_MAIL = PathPatternRequestMatcher.pathPattern("/console/*/*/html");

    /** The API for administrators only: digests, lag and dead letters. */
    private static final RequestMatcher ADMIN_API = new OrRequestMatcher(
            PathPatternRequestMatcher.pathPattern("/api/v1/digests"), PathPatternRequestMatcher.pathPattern("/api/v1/digests/**"),
            PathPatternRequestMatcher.pathPattern("/api/v1/lag"), PathPatternRequestMatcher.pathPattern("/api/v1/dead-letters"),
            PathPatternRequestMatcher.pathPattern("/api/v1/dead-letters/**"));

    private static final RequestMatcher ACTUATOR = PathPatternRequestMatcher.pathPattern("/actuator/**");

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

    /**
     * Spring Security's publisher ({@link AuthenticationOutcomes} counts what it publishes), told
     * to publish a failure it has no event for too: {@code InternalAuthenticationServiceException}
     * (the accounts could not be read) is not in its mapping, so it would go uncounted.
     */
    @Bean
    DefaultAuthenticationEventPublisher authenticationEventPublisher(ApplicationEventPublisher publisher) {
        DefaultAuthenticationEventPublisher events = new DefaultAuthenticationEventPublisher(publisher);
        events.setDefaultAuthenticationFailureEvent(AuthenticationFailureServiceExceptionEvent.class);
        return events;
    }

    /** BCrypt for new hashes (any Spring Security format is read); a match is remembered for a while. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return new CachingPasswordEncoder(PasswordEncoderFactories.createDelegatingPasswordEncoder(), Clock.systemUTC());
    }

    /**
     * API clients get the same problem-details shape for a missing login as for every other error;
     * a login whose account could not be read gets the API's 503, not a 401 that would blame the
     * password.
     */
    private static void unauthorized(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException ex) throws IOException {
        if (accountsUnavailable(ex)) {
            response.setHeader(HttpHeaders.RETRY_AFTER, Integer.toString(DatabaseOutage.RETRY_AFTER_SECONDS));
            writeProblem(response, HttpStatus.SERVICE_UNAVAILABLE, ApiProblemHandler.DATABASE_UNAVAILABLE_TITLE,
                    ApiProblemHandler.DATABASE_UNAVAILABLE_DETAIL, null);
            return;
        }
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"spelling-reports\"");
        // editors are refused the actuator: name the accounts that read it
        writeProblem(response, HttpStatus.UNAUTHORIZED, "Unauthorized", "Log in with "
                + (ACTUATOR.matches(request) ? "an admin account or the metrics account" : "an editor or admin account")
                + " (HTTP Basic).", null);
    }

    /** An API client whose account's role does not allow the request is told which account does. */
    private static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        String needed;
        if (ACTUATOR.matches(request)) {
            needed = "an admin account or the metrics account";
        }
        else if (ADMIN_API.matches(request)) {
            needed = "an admin account";
        }
        else {
            needed = "an editor or admin account";
        }
        writeProblem(response, HttpStatus.FORBIDDEN, "Forbidden", "This request needs " + needed + ".",
                request.getRequestURI());
    }

    /**
     * A problem detail written by a security filter, before Spring MVC and its message converters
     * are involved: {@code type}, {@code title}, {@code status}, {@code detail}, and the
     * {@code instance} when given.
     */
    static void writeProblem(HttpServletResponse response, HttpStatus status, String title, String detail,
            String instance) throws IOException {
        response.setStatus(status.value());
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + json(title) + "\",\"status\":"
                + status.value() + ",\"detail\":\"" + json(detail) + "\""
                + ((instance != null) ? ",\"instance\":\"" + json(instance) + "\"" : "") + "}");
    }

    /** A string's text for inside a JSON string (what these problems hold: no control characters). */
    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /**
     * To the page the login interrupted, or the queue; an account without a console role (the
     * metrics account) is logged out again and told that it has no console.
     */
    private static AuthenticationSuccessHandler consoleLoginSucceeded() {
        SavedRequestAwareAuthenticationSuccessHandler toConsole = new SavedRequestAwareAuthenticationSuccessHandler();
        toConsole.setDefaultTargetUrl("/console");
        return (request, response, authentication) -> {
            boolean console = authentication.getAuthorities().stream()
                    .anyMatch((authority) -> ("ROLE_" + EDITOR).equals(authority.getAuthority()));
            if (!console) {
                new SecurityContextLogoutHandler().logout(request, response, authentication);
                response.sendRedirect(request.getContextPath() + "/console/login?noconsole");
                return;
            }
            toConsole.onAuthenticationSuccess(request, response, authentication);
        };
    }

    /**
     * A console login whose account could not be read says so, rather than "wrong username or
     * password" (which would send an editor to an admin for a new one).
     */
    private static void loginFailed(HttpServletRequest request, HttpServletResponse response,
            AuthenticationException ex) throws IOException {
        response.sendRedirect(request.getContextPath()
                + (accountsUnavailable(ex) ? "/console/login?unavailable" : "/console/login?error"));
    }

    /** @return whether a login failed because the database holding the accounts is unavailable */
    private static boolean accountsUnavailable(AuthenticationException ex) {
        return ex instanceof InternalAuthenticationServiceException && DatabaseOutage.isCauseOf(ex);
    }

    /**
     * Scripts and probes: HTTP Basic, no session, no CSRF token (no cookies to ride on; a change a browser
     * sends for another site's page is refused, see {@link CrossSiteApiFilter}). Editors may work
     * the queue; sending digests is for administrators, the actuator for them and the metrics account.
     */
    @Bean
    @Order(1)
    SecurityFilterChain apiSecurityFilterChain(HttpSecurity http) throws Exception {
        return http
                .securityMatcher("/api/**", "/actuator/**")
                .authorizeHttpRequests((requests) -> requests
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        // the metrics account (a scraper's) reads the actuator and nothing else
                        .requestMatchers(ACTUATOR).hasAnyRole(ADMIN, WorkerProperties.Metrics.ROLE)
                        .requestMatchers(ADMIN_API).hasRole(ADMIN)
                        .requestMatchers("/api/**").hasAnyRole(EDITOR, ADMIN)
                        .anyRequest().denyAll())
                .httpBasic((basic) -> basic.authenticationEntryPoint(SecurityConfiguration::unauthorized))
                .exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(SecurityConfiguration::unauthorized)
                        .accessDeniedHandler(SecurityConfiguration::forbidden))
                .sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(AbstractHttpConfigurer::disable)
                // no token, but a browser's remembered Basic login must not change anything for another site's page
                .addFilterBefore(new CrossSiteApiFilter(), BasicAuthenticationFilter.class)
                .build();
    }

    /**
     * The console: form login with a session cookie, CSRF tokens on every form, strict headers.
     * One-click digest links are open: their signature is the authority, and only their POST acts.
     */
    @Bean
    @Order(2)
    SecurityFilterChain consoleSecurityFilterChain(HttpSecurity http, UserDetailsService accounts) throws Exception {
        ConsoleEntryPoint consoleEntryPoint = new ConsoleEntryPoint("/console/denied");
        return http
                // a session outlives a disabled account, a changed password or role unless something looks again
                .addFilterBefore(new AccountSessionFilter(accounts), AuthorizationFilter.class)
                .authorizeHttpRequests((requests) -> requests
                        .requestMatchers("/console/css/**", "/console/js/**", "/console/icon.svg", "/console/login",
                                "/console/links/**", "/error", "/favicon.ico").permitAll()
                        // where a forbidden page is forwarded: itself forbidden it would forward there again
                        .requestMatchers("/console/denied").authenticated()
                        .requestMatchers("/console/users/**", "/console/users", "/console/digests/send", "/console/ops/**")
                        .hasRole(ADMIN)
                        .requestMatchers("/", "/console/**").hasAnyRole(EDITOR, ADMIN)
                        // nothing else is served: a logged-in mistyped address gets the Not found page
                        .anyRequest().authenticated())
                .formLogin((form) -> form.loginPage("/console/login").successHandler(consoleLoginSucceeded())
                        .failureHandler(SecurityConfiguration::loginFailed).permitAll())
                // the cookie goes too: a later visit is a first one, not a session that ended
                .logout((logout) -> logout.logoutUrl("/console/logout").logoutSuccessUrl("/console/login?logout")
                        .deleteCookies("JSESSIONID"))
                .exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(consoleEntryPoint)
                        .accessDeniedHandler(consoleEntryPoint))
                .headers((headers) -> headers
                        // the stored digest mail is framed by the archive page and carries its own sandbox policy
                        .contentSecurityPolicy((csp) -> csp.policyDirectives(CONSOLE_CSP))
                        .frameOptions((frame) -> frame.disable())
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(new NegatedRequestMatcher(STORED_MAIL),
                                new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY)))
                        .addHeaderWriter(new DelegatingRequestMatcherHeaderWriter(STORED_MAIL,
                                new XFrameOptionsHeaderWriter(XFrameOptionsMode.SAMEORIGIN)))
                        .referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.SAME_ORIGIN)))
                .build();
    }

}
