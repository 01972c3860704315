package io.github.spellingreports.worker.console;

import java.util.UUID;

import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.client.RestClient;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.cookie;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may do what in the console and the API. MockMvc is built on the shared context (no
 * context of its own), with Spring Security's filters.
 */
class ConsoleSecurityIntegrationTests extends WorkerIntegrationTestSupport {

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConsoleAccounts accounts;

    @LocalServerPort
    int port;

    @LocalManagementPort
    int managementPort;

    MockMvc mvc;

    ConsoleTestData data;

    @BeforeEach
    void setUp() {
        this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
        this.data = new ConsoleTestData(this.jdbc);
    }

    @Test
    void anonymousConsoleAccessIsRedirectedToLogin() throws Exception {
        this.mvc.perform(get("/console")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login"));
        this.mvc.perform(get("/console/digests")).andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login"));
        this.mvc.perform(get("/console/login")).andExpect(status().isOk())
                .andExpect(content().string(containsString("<link rel=\"icon\" type=\"image/svg+xml\" href=\"/console/icon.svg\">")));
        // the login page's icon, for anyone: were it behind the login, the login would lead to it afterwards
        this.mvc.perform(get("/console/icon.svg")).andExpect(status().isOk())
                .andExpect(content().contentType("image/svg+xml"));
    }

    @Test
    void editorCannotReachAdminPages() throws Exception {
        this.mvc.perform(get("/console/users").with(user("ed").roles("EDITOR"))).andExpect(status().isForbidden());
        this.mvc.perform(post("/console/users").param("username", "sneaky").param("password", "long-enough-password")
                .with(csrf()).with(user("ed").roles("EDITOR"))).andExpect(status().isForbidden());
        this.mvc.perform(post("/console/digests/send").with(csrf()).with(user("ed").roles("EDITOR")))
                .andExpect(status().isForbidden());
        this.mvc.perform(get("/console/queue").with(user("ed").roles("EDITOR"))).andExpect(status().isOk());
        this.mvc.perform(get("/console/users").with(user("boss").roles("ADMIN", "EDITOR"))).andExpect(status().isOk());
    }

    @Test
    void editorMayUseTheQueueApiButNotSendDigests() {
        String name = "api-editor-" + UUID.randomUUID().toString().substring(0, 8);
        this.accounts.create(name, "editor-password-123", ConsoleAccounts.Role.EDITOR, "test");
        RestClient editor = RestClient.builder().baseUrl("http://127.0.0.1:" + this.port)
                .defaultHeaders((headers) -> headers.setBasicAuth(name, "editor-password-123")).build();
        long id = this.data.error(ConsoleTestData.uniquePage(), "A ", "teh", " cat", null);

        assertThat(statusOf(editor.get().uri("/api/v1/errors"))).isEqualTo(200);
        assertThat(statusOf(editor.post().uri("/api/v1/errors/{id}/status", id)
                .contentType(MediaType.APPLICATION_JSON).body("{\"status\":\"SPAM\"}")))
                .isEqualTo(200);
        assertThat(this.data.status(id)).isEqualTo("SPAM");
        assertThat(statusOf(editor.post().uri("/api/v1/digests"))).isEqualTo(403);
        assertThat(statusOf(editor.get().uri("/actuator/prometheus"))).isEqualTo(403);
        // a problem detail, as every other answer of the API
        assertThat(answerOf(editor.get().uri("/api/v1/dead-letters"))).isEqualTo("403 application/problem+json;charset=UTF-8 "
                + "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"This request needs an admin account.\",\"instance\":\"/api/v1/dead-letters\"}");
    }

    /**
     * Prometheus scrapes with the metrics account, which reads the actuator and nothing else: a
     * leaked scrape configuration does not give the queue, the dead letters or the users away.
     */
    @Test
    void theMetricsAccountReadsTheActuatorAndNothingElse() throws Exception {
        RestClient prometheus = RestClient.builder().baseUrl("http://127.0.0.1:" + this.port)
                .defaultHeaders((headers) -> headers.setBasicAuth("Metrics", METRICS_PASSWORD)).build();
        RestClient scrape = prometheus.mutate().baseUrl("http://127.0.0.1:" + this.managementPort).build();

        assertThat(statusOf(scrape.get().uri("/actuator/prometheus"))).isEqualTo(200);
        assertThat(scrape.get().uri("/actuator/prometheus").retrieve().body(String.class))
                .contains("spelling_worker_records_total");
        assertThat(answerOf(prometheus.get().uri("/api/v1/errors"))).isEqualTo("403 application/problem+json;charset=UTF-8 "
                + "{\"type\":\"about:blank\",\"title\":\"Forbidden\",\"status\":403,"
                + "\"detail\":\"This request needs an editor or admin account.\",\"instance\":\"/api/v1/errors\"}");
        assertThat(scrape.get().uri("/actuator/health").retrieve().body(String.class))
                .as("the details of health, as the admin sees them").contains("\"components\"", "\"lag\"");
        assertThat(statusOf(prometheus.get().uri("/api/v1/dead-letters"))).isEqualTo(403);
        assertThat(statusOf(prometheus.get().uri("/api/v1/lag"))).isEqualTo(403);
        assertThat(statusOf(prometheus.post().uri("/api/v1/digests"))).isEqualTo(403);
        // no console for it: the login form says so and leaves it logged out
        this.mvc.perform(formLogin("/console/login").user("metrics").password(METRICS_PASSWORD))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/console/login?noconsole"));
        this.mvc.perform(get("/console/login").param("noconsole", ""))
                .andExpect(content().string(containsString("The metrics account reads metrics only: it has no console.")));
        assertThat(statusOf(scrape.get().uri("/actuator/prometheus").headers((headers) ->
                headers.setBasicAuth("metrics", "not the password")))).isEqualTo(401);
        assertThat(catchThrowable(() -> this.accounts.create("METRICS", "another password",
                ConsoleAccounts.Role.ADMIN, "test"))).hasMessage("That is the configured metrics account's name.");
    }

    /**
     * A browser asked for HTTP Basic once remembers the login and sends it with a form another site
     * submits: such a change through the API is refused, whatever the login. Scripts send no
     * Sec-Fetch-Site and are not affected; a reading request from anywhere is.
     */
    @Test
    void aChangeThroughTheApiThatAnotherSitesPageSentIsRefused() throws Exception {
        String discard = "/api/v1/dead-letters/0/999999999/discard";
        for (String site : new String[] { "cross-site", "same-site" }) {
            this.mvc.perform(post(discard).with(httpBasic(ADMIN_USERNAME, ADMIN_PASSWORD)).header("Sec-Fetch-Site", site))
                    .andExpect(status().isForbidden())
                    .andExpect(jsonPath("$.detail").value("A page of another site cannot change anything through the API: "
                            + "call it from a script or the command line."));
        }
        // a browser without Sec-Fetch-Site names the page's origin
        this.mvc.perform(post(discard).with(httpBasic(ADMIN_USERNAME, ADMIN_PASSWORD)).header("Origin", "https://evil.example"))
                .andExpect(status().isForbidden());
        // a script's, or a page of the worker's own: the request goes through (no such dead letter: 404)
        this.mvc.perform(post(discard).with(httpBasic(ADMIN_USERNAME, ADMIN_PASSWORD))).andExpect(status().isNotFound());
        this.mvc.perform(post(discard).with(httpBasic(ADMIN_USERNAME, ADMIN_PASSWORD)).header("Sec-Fetch-Site", "same-origin"))
                .andExpect(status().isNotFound());
        this.mvc.perform(get("/api/v1/errors").with(httpBasic(ADMIN_USERNAME, ADMIN_PASSWORD))
                .header("Sec-Fetch-Site", "cross-site")).andExpect(status().isOk());
    }

    @Test
    void consolePostsNeedTheCsrfToken() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "A ", "teh", " cat", null);
        this.mvc.perform(post("/console/queue/status").param("id", Long.toString(id)).param("status", "FIXED")
                .with(user("ed").roles("EDITOR"))).andExpect(status().isForbidden());
        this.mvc.perform(post("/console/errors/{id}/status", id).param("status", "FIXED")
                .with(csrf().useInvalidToken()).with(user("ed").roles("EDITOR"))).andExpect(status().isForbidden());
        assertThat(this.data.status(id)).isEqualTo("NEW");

        this.mvc.perform(post("/console/queue/status").param("id", Long.toString(id)).param("status", "FIXED")
                .param("filterStatus", "NEW").with(csrf()).with(user("ed").roles("EDITOR")))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/console/queue?status=NEW"));
        assertThat(this.data.status(id)).isEqualTo("FIXED");
    }

    @Test
    void loginWithAnEditorAnAdminCreatedInTheConsoleWorks() throws Exception {
        String name = "editor-" + UUID.randomUUID().toString().substring(0, 8);
        this.mvc.perform(post("/console/users").param("username", name).param("password", "correct horse battery")
                .param("role", "EDITOR").with(csrf()).with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR")))
                .andExpect(status().isFound());

        this.mvc.perform(formLogin("/console/login").user(name).password("correct horse battery"))
                .andExpect(authenticated().withUsername(name).withRoles("EDITOR"))
                .andExpect(redirectedUrl("/console"));
        this.mvc.perform(formLogin("/console/login").user(name).password("wrong password!!"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/console/login?error"));
    }

    @Test
    void passwordsAreStoredAsBcryptHashes() {
        String name = "hashed-" + UUID.randomUUID().toString().substring(0, 8);
        this.accounts.create(name, "plain text secret", ConsoleAccounts.Role.ADMIN, "test");
        String hash = this.data.passwordHash(name);
        assertThat(hash).startsWith("{bcrypt}$2").doesNotContain("plain text secret");
        assertThat(this.accounts.loadUserByUsername(name).getAuthorities()).extracting(Object::toString)
                .containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_EDITOR");
    }

    @Test
    void disabledAccountCannotLogIn() throws Exception {
        String name = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        this.accounts.create(name, "soon disabled pw", ConsoleAccounts.Role.EDITOR, "test");
        long id = idOf(name);
        this.mvc.perform(post("/console/users/{id}/enabled", id).param("enabled", "false").with(csrf())
                .with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR"))).andExpect(status().isFound())
                .andExpect(flash().attribute("message", "Account " + name + " disabled."));

        this.mvc.perform(formLogin("/console/login").user(name).password("soon disabled pw")).andExpect(unauthenticated());
    }

    @Test
    void enablingAnAccountThatDoesNotExistSaysSo() throws Exception {
        this.mvc.perform(post("/console/users/{id}/enabled", Long.MAX_VALUE).param("enabled", "true").with(csrf())
                .with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR"))).andExpect(status().isFound())
                .andExpect(flash().attribute("problem", "There is no account with id " + Long.MAX_VALUE + "."))
                .andExpect(flash().attributeCount(1));
    }

    /** A remembered HTTP Basic match (CachingPasswordEncoder) neither lets a wrong password in nor outlives the account. */
    @Test
    void apiLoginIsRefusedWithAWrongPasswordAndOnceTheAccountIsDisabled() throws Exception {
        String name = "script-" + UUID.randomUUID().toString().substring(0, 8);
        this.accounts.create(name, "api client pw", ConsoleAccounts.Role.EDITOR, "test");
        this.mvc.perform(get("/api/v1/errors").with(httpBasic(name, "api client pw"))).andExpect(status().isOk());
        this.mvc.perform(get("/api/v1/errors").with(httpBasic(name, "api client pw"))).andExpect(status().isOk());
        this.mvc.perform(get("/api/v1/errors").with(httpBasic(name, "api client pw "))).andExpect(status().isUnauthorized());
        this.mvc.perform(get("/api/v1/errors").with(httpBasic(name, "API client pw"))).andExpect(status().isUnauthorized());

        long id = idOf(name);
        this.mvc.perform(post("/console/users/{id}/enabled", id).param("enabled", "false").with(csrf())
                .with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR"))).andExpect(status().isFound());
        this.mvc.perform(get("/api/v1/errors").with(httpBasic(name, "api client pw"))).andExpect(status().isUnauthorized());
    }

    @Test
    void disablingAnAccountEndsItsOpenSession() throws Exception {
        String name = "leaver-" + UUID.randomUUID().toString().substring(0, 8);
        MockHttpSession session = editorAtWork(name, "still logged in pw");

        long id = idOf(name);
        this.mvc.perform(post("/console/users/{id}/enabled", id).param("enabled", "false").with(csrf())
                .with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR"))).andExpect(status().isFound());

        this.mvc.perform(get("/console/queue").session(session)).andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login?disabled"));
        assertThat(session.isInvalid()).isTrue();
        this.mvc.perform(get("/console/login").param("disabled", "")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Your account has been disabled")));
    }

    /** A session that timed out, or a worker that restarted: the login page says so, and whether a form was lost. */
    @Test
    void aBrowserWhoseSessionEndedIsToldSoAtTheLoginPage() throws Exception {
        RequestPostProcessor endedSession = (request) -> {
            request.setRequestedSessionId("ended-long-ago");
            request.setRequestedSessionIdValid(false);
            return request;
        };
        this.mvc.perform(get("/console/errors/1").with(endedSession)).andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login?expired"));
        // the form's CSRF token belonged to the session that ended
        this.mvc.perform(post("/console/queue/status").param("ids", "1").param("status", "FIXED")
                .param("_csrf", "token-of-the-ended-session").with(endedSession))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/console/login?expired&unsaved"));
        this.mvc.perform(get("/console/errors/1")).andExpect(redirectedUrl("/console/login"));

        this.mvc.perform(get("/console/login").param("expired", "")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Your session had ended: log in again."),
                        not(containsString("not saved")))));
        this.mvc.perform(get("/console/login").param("expired", "").param("unsaved", "")).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("so what you last sent was not saved"),
                        not(containsString("Your session had ended: log in again.")))));
    }

    @Test
    void loggingOutDropsTheSessionCookie() throws Exception {
        MockHttpSession session = (MockHttpSession) this.mvc
                .perform(formLogin("/console/login").user(ADMIN_USERNAME).password(ADMIN_PASSWORD))
                .andReturn().getRequest().getSession(false);
        this.mvc.perform(post("/console/logout").session(session).with(csrf()))
                .andExpect(redirectedUrl("/console/login?logout")).andExpect(cookie().maxAge("JSESSIONID", 0));
        assertThat(session.isInvalid()).isTrue();
    }

    /**
     * Another worker disables an account, or changes its password or role, in the database they share:
     * this worker's open sessions of it end, or take the new role, at their next request. (The tests
     * above change accounts through this worker's own pages, which a cache of its own would pass.)
     */
    @Test
    void accountChangesMadeInTheDatabaseReachThisWorkersOpenSessions() throws Exception {
        String disabled = "other-worker-" + UUID.randomUUID().toString().substring(0, 8);
        MockHttpSession disabledSession = editorAtWork(disabled, "disabled elsewhere pw");
        String changed = "other-worker-" + UUID.randomUUID().toString().substring(0, 8);
        MockHttpSession changedSession = editorAtWork(changed, "changed elsewhere pw");
        String promoted = "other-worker-" + UUID.randomUUID().toString().substring(0, 8);
        MockHttpSession promotedSession = editorAtWork(promoted, "promoted elsewhere pw");
        this.mvc.perform(get("/console/users").session(promotedSession)).andExpect(status().isForbidden());

        this.jdbc.sql("update app_user set enabled = false where username = ?").param(disabled).update();
        this.jdbc.sql("update app_user set password_changed_at = clock_timestamp() where username = ?").param(changed).update();
        this.jdbc.sql("update app_user set role = 'ADMIN' where username = ?").param(promoted).update();

        this.mvc.perform(get("/console/queue").session(disabledSession)).andExpect(redirectedUrl("/console/login?disabled"));
        this.mvc.perform(get("/console/queue").session(changedSession))
                .andExpect(redirectedUrl("/console/login?password-changed"));
        this.mvc.perform(get("/console/users").session(promotedSession)).andExpect(status().isOk());
    }

    @Test
    void anAccountDeletedInTheDatabaseEndsItsOpenSession() throws Exception {
        String name = "deleted-" + UUID.randomUUID().toString().substring(0, 8);
        MockHttpSession session = editorAtWork(name, "deleted by a DBA pw");

        this.data.deleteAccount(name);

        this.mvc.perform(get("/console/queue").session(session)).andExpect(redirectedUrl("/console/login?disabled"));
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void configuredAdminLogsInAndItsNameCannotBeTaken() throws Exception {
        this.mvc.perform(formLogin("/console/login").user(ADMIN_USERNAME).password(ADMIN_PASSWORD))
                .andExpect(authenticated().withRoles("ADMIN", "EDITOR"));
        assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() ->
                this.accounts.create(ADMIN_USERNAME, "another password", ConsoleAccounts.Role.EDITOR, "test"));
        assertThatExceptionOfType(UsernameNotFoundException.class).isThrownBy(() ->
                this.accounts.loadUserByUsername("nobody-" + UUID.randomUUID()));
    }

    @Test
    void consolePagesCarrySecurityHeaders() throws Exception {
        this.mvc.perform(get("/console/queue").with(user("ed").roles("EDITOR")))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", allOf(
                        containsString("script-src 'self'"), containsString("frame-ancestors 'none'"),
                        not(containsString("unsafe-inline")))))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string("Referrer-Policy", "same-origin"));
    }

    @Test
    void sessionCookieIsHttpOnlyAndSameSiteLax() {
        RestClient anonymous = RestClient.builder().baseUrl("http://127.0.0.1:" + this.port).build();
        String cookie = anonymous.get().uri("/console/login").exchange((request, response) ->
                response.getHeaders().getFirst("Set-Cookie"));
        assertThat(cookie).contains("JSESSIONID=", "HttpOnly", "SameSite=Lax").doesNotContain("Secure");
    }

    private long idOf(String name) {
        return this.accounts.list().stream().filter((a) -> a.username().equals(name)).findFirst().orElseThrow().id();
    }

    /** @return the console session of a new editor account, logged in and working the queue */
    private MockHttpSession editorAtWork(String name, String password) throws Exception {
        this.accounts.create(name, password, ConsoleAccounts.Role.EDITOR, "test");
        MockHttpSession session = (MockHttpSession) this.mvc.perform(formLogin("/console/login").user(name).password(password))
                .andExpect(authenticated().withUsername(name)).andReturn().getRequest().getSession(false);
        this.mvc.perform(get("/console/queue").session(session)).andExpect(status().isOk());
        return session;
    }

    /** @return the answer's status, content type and body */
    private static String answerOf(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, response) -> response.getStatusCode().value() + " "
                + response.getHeaders().getContentType() + " " + new String(response.getBody().readAllBytes(),
                        java.nio.charset.StandardCharsets.UTF_8));
    }

    private static int statusOf(RestClient.RequestHeadersSpec<?> request) {
        return request.exchange((req, response) -> response.getStatusCode()).value();
    }

}
