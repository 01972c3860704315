package io.github.spellingreports.worker.config;

import java.util.UUID;

import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Logins and authenticated API requests are counted by outcome, and every failure is logged with
 * the name tried and the address, in one line that cannot be forged by the name.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuthenticationOutcomesIntegrationTests extends WorkerIntegrationTestSupport {

    @Autowired
    WebApplicationContext context;

    @Autowired
    MeterRegistry registry;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwordEncoder;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
    }

    @Test
    void everyOutcomeIsCountedAndEveryFailureLogged(CapturedOutput output) throws Exception {
        double success = count("success");
        double badCredentials = count("bad_credentials");
        double disabled = count("disabled");

        this.mvc.perform(formLogin("/console/login").user(ADMIN_USERNAME).password(ADMIN_PASSWORD)).andExpect(authenticated());
        this.mvc.perform(get("/api/v1/errors").with(httpBasic(ADMIN_USERNAME, ADMIN_PASSWORD))).andExpect(status().isOk());
        this.mvc.perform(formLogin("/console/login").user(ADMIN_USERNAME).password("a guess")).andExpect(unauthenticated());
        this.mvc.perform(get("/api/v1/errors").with(httpBasic("nobody-here", "another guess")))
                .andExpect(status().isUnauthorized());
        String gone = "gone-" + UUID.randomUUID().toString().substring(0, 8);
        this.jdbc.sql("insert into app_user (username, password_hash, role, enabled) values (?, ?, 'EDITOR', false)")
                .params(gone, this.passwordEncoder.encode("a disabled password")).update();
        this.mvc.perform(formLogin("/console/login").user(gone).password("a disabled password")).andExpect(unauthenticated());

        assertThat(count("success")).isEqualTo(success + 2);
        assertThat(count("bad_credentials")).isEqualTo(badCredentials + 2);
        assertThat(count("disabled")).isEqualTo(disabled + 1);
        assertThat(output.getOut()).contains("Login failed user=admin from=127.0.0.1 outcome=bad_credentials",
                "Login failed user=nobody-here from=127.0.0.1 outcome=bad_credentials",
                "Login failed user=" + gone + " from=127.0.0.1 outcome=disabled");
    }

    @Test
    void aNameCannotForgeALogLine(CapturedOutput output) throws Exception {
        this.mvc.perform(formLogin("/console/login").user("eve\nLogin succeeded user=admin").password("a guess"))
                .andExpect(unauthenticated());
        assertThat(output.getOut()).contains("Login failed user=eve?Login succeeded user=admin from=127.0.0.1")
                .doesNotContain("\nLogin succeeded");
        assertThat(AuthenticationOutcomes.printable("x".repeat(150))).isEqualTo("x".repeat(100) + "...");
        assertThat(AuthenticationOutcomes.printable(null)).isEmpty();
    }

    /** A name no account can have (create() allows none with a NUL) is refused without asking PostgreSQL, which would fail. */
    @Test
    void aNameNoAccountCanHaveIsAWrongLoginNotAnInternalError(CapturedOutput output) throws Exception {
        double badCredentials = count("bad_credentials");
        this.mvc.perform(formLogin("/console/login").user("ma\u0000ria").password("a guess"))
                .andExpect(unauthenticated()).andExpect(redirectedUrl("/console/login?error"));
        this.mvc.perform(get("/api/v1/errors").with(httpBasic("ma\u0000ria", "a guess"))).andExpect(status().isUnauthorized());
        assertThat(count("bad_credentials")).isEqualTo(badCredentials + 2);
        assertThat(output.getOut()).contains("Login failed user=ma?ria from=127.0.0.1 outcome=bad_credentials")
                .doesNotContain("invalid byte sequence", "An internal error occurred");
    }

    private double count(String outcome) {
        return this.registry.get("spelling.authentications").tag("outcome", outcome).counter().count();
    }

}
