package io.github.spellingreports.worker.console;

import java.util.Locale;
import java.util.UUID;

import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
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
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Passwords and roles of console accounts: the owner changes their password, an administrator sets
 * a new one, and either way the account's other sessions end while the password the API remembered
 * stops working; the configured administrator's password is the configuration's. A new role
 * applies to the account's open sessions at once.
 */
class ConsoleAccountsIntegrationTests extends WorkerIntegrationTestSupport {

    private static final String TOO_SHORT_OR_LONG = "A password has 12 to 72 characters, fewer outside ASCII: a Cyrillic letter counts as two (BCrypt reads 72 bytes).";


    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ConsoleAccounts accounts;

    MockMvc mvc;

    ConsoleTestData data;

    @BeforeEach
    void setUp() {
        this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
        this.data = new ConsoleTestData(this.jdbc);
    }

    @Test
    void ownerChangesTheirPasswordThisSessionGoesOnAndTheOthersEnd() throws Exception {
        String name = newEditor("first password");
        MockHttpSession here = logIn(name, "first password");
        MockHttpSession elsewhere = logIn(name, "first password");
        String sessionId = here.getId();
        // the API remembers a password that matched (CachingPasswordEncoder)
        this.mvc.perform(get("/api/v1/errors").with(httpBasic(name, "first password"))).andExpect(status().isOk());

        this.mvc.perform(get("/console/account").session(here)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Change your password"),
                        containsString("name=\"currentPassword\""), not(containsString("configured-password")))));
        this.mvc.perform(post("/console/account/password").session(here).with(csrf())
                .param("currentPassword", "first password").param("newPassword", "second password")
                .param("repeatedPassword", "second password"))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/console/account"))
                .andExpect(flash().attribute("message", "Your password is changed. Your other sessions have ended."));

        assertThat(here.getId()).as("a new session id, as at a login").isNotEqualTo(sessionId);
        this.mvc.perform(get("/console/queue").session(here)).andExpect(status().isOk())
                .andExpect(authenticated().withUsername(name));
        this.mvc.perform(get("/console/queue").session(elsewhere)).andExpect(status().isFound())
                .andExpect(redirectedUrl("/console/login?password-changed"));
        assertThat(elsewhere.isInvalid()).isTrue();
        this.mvc.perform(get("/console/login").param("password-changed", "")).andExpect(status().isOk())
                .andExpect(content().string(containsString("Your password was changed")));

        this.mvc.perform(formLogin("/console/login").user(name).password("first password")).andExpect(unauthenticated());
        this.mvc.perform(formLogin("/console/login").user(name).password("second password"))
                .andExpect(authenticated().withUsername(name));
        this.mvc.perform(get("/api/v1/errors").with(httpBasic(name, "first password"))).andExpect(status().isUnauthorized());
        this.mvc.perform(get("/api/v1/errors").with(httpBasic(name, "second password"))).andExpect(status().isOk());
    }

    @Test
    void aPasswordChangesOnlyWithTheCurrentOneAndANewOneTypedTwiceOfTheRightLength() throws Exception {
        String name = newEditor("kept password");
        String hash = this.data.passwordHash(name);
        MockHttpSession session = logIn(name, "kept password");

        changeOwn(session, "wrong password", "another password", "another password",
                "The current password is not right.");
        changeOwn(session, "kept password", "another password", "another passwort",
                "The new password and its repetition differ: nothing was changed.");
        changeOwn(session, "kept password", "too short", "too short", TOO_SHORT_OR_LONG);
        changeOwn(session, "kept password", "x".repeat(73), "x".repeat(73), TOO_SHORT_OR_LONG);
        // 37 letters, 74 bytes: BCrypt refused them with its own "password cannot be more than 72 bytes"
        changeOwn(session, "kept password", "я".repeat(37), "я".repeat(37), TOO_SHORT_OR_LONG);

        assertThat(this.data.passwordHash(name)).isEqualTo(hash);
        this.mvc.perform(get("/console/queue").session(session)).andExpect(status().isOk());
        this.mvc.perform(post("/console/account/password").session(session).with(csrf())
                .param("currentPassword", "kept password")).andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("newPassword")));
    }

    /** BCrypt reads 72 bytes: a Russian editor's passphrase of 36 letters fits, and the form says what does not. */
    @Test
    void aPasswordOf72BytesInUtf8IsTheLongestAndWorks() throws Exception {
        String name = newEditor("kept password");
        MockHttpSession session = logIn(name, "kept password");
        String passphrase = "пароль".repeat(6);

        this.mvc.perform(post("/console/account/password").session(session).with(csrf())
                .param("currentPassword", "kept password").param("newPassword", passphrase)
                .param("repeatedPassword", passphrase)).andExpect(flash().attributeCount(1))
                .andExpect(flash().attributeExists("message"));

        this.mvc.perform(get("/console/account").session(logIn(name, passphrase)))
                .andExpect(content().string(containsString("12 to 72 characters (a Cyrillic letter counts as two)")))
                .andExpect(content().string(containsString("maxlength=\"72\"")));
    }

    @Test
    void anAdministratorSetsANewPasswordAndEndsTheAccountsSessions() throws Exception {
        String name = newEditor("forgotten password");
        MockHttpSession session = logIn(name, "forgotten password");
        long id = idOf(name);

        this.mvc.perform(get("/console/users").with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR")))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("/console/users/" + id + "/password")));
        this.mvc.perform(post("/console/users/{id}/password", id).param("password", "short").with(csrf())
                .with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR")))
                .andExpect(flash().attribute("problem", TOO_SHORT_OR_LONG));
        this.mvc.perform(get("/console/queue").session(session)).andExpect(status().isOk());

        this.mvc.perform(post("/console/users/{id}/password", id).param("password", "a password from the admin")
                .with(csrf()).with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR")))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/console/users"))
                .andExpect(flash().attribute("message",
                        "New password set for " + name + "; their open sessions have ended."));

        this.mvc.perform(get("/console/queue").session(session)).andExpect(redirectedUrl("/console/login?password-changed"));
        this.mvc.perform(formLogin("/console/login").user(name).password("forgotten password")).andExpect(unauthenticated());
        this.mvc.perform(formLogin("/console/login").user(name).password("a password from the admin"))
                .andExpect(authenticated().withUsername(name));

        this.mvc.perform(post("/console/users/{id}/password", Long.MAX_VALUE).param("password", "a password for nobody")
                .with(csrf()).with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR")))
                .andExpect(flash().attribute("problem", "There is no account with id " + Long.MAX_VALUE + "."));
    }

    @Test
    void editorsCannotSetOtherAccountsPasswords() throws Exception {
        String name = newEditor("an editor password");
        long id = idOf(name);
        String hash = this.data.passwordHash(name);
        this.mvc.perform(post("/console/users/{id}/password", id).param("password", "taken over password")
                .with(csrf()).with(user("ed").roles("EDITOR"))).andExpect(status().isForbidden());
        assertThat(this.data.passwordHash(name)).isEqualTo(hash);
    }

    /**
     * A phone capitalises the first letter of the username field: "anna.k" became "Anna.k", and the
     * login failed; and an admin could create "ANNA.K" beside "anna.k", or "ADMIN" beside the
     * configured administrator.
     */
    @Test
    void aUsernameIsOneAccountWhateverItsCase() throws Exception {
        String name = "anna." + UUID.randomUUID().toString().substring(0, 8);
        this.accounts.create(name, "anna's own password", ConsoleAccounts.Role.EDITOR, "test");

        String typedOnAPhone = Character.toUpperCase(name.charAt(0)) + name.substring(1);
        this.mvc.perform(formLogin("/console/login").user(typedOnAPhone).password("anna's own password"))
                .andExpect(authenticated().withUsername(name));
        this.mvc.perform(get("/api/v1/errors").with(httpBasic(name.toUpperCase(Locale.ROOT), "anna's own password")))
                .andExpect(status().isOk());
        this.mvc.perform(formLogin("/console/login").user(ADMIN_USERNAME.toUpperCase(Locale.ROOT)).password(ADMIN_PASSWORD))
                .andExpect(authenticated().withUsername(ADMIN_USERNAME));

        assertThat(catchThrowable(() -> this.accounts.create(name.toUpperCase(Locale.ROOT),
                "another password", ConsoleAccounts.Role.ADMIN, "test")))
                .hasMessage("An account named " + name.toUpperCase(Locale.ROOT) + " exists already.");
        assertThat(catchThrowable(() -> this.accounts.create("ADMIN", "another password",
                ConsoleAccounts.Role.ADMIN, "test"))).hasMessage("That is the configured administrator's name.");
        assertThat(this.jdbc.sql("select count(*) from pg_indexes where indexname = 'app_user_username_any_case'")
                .query(Integer.class).single()).as("two sessions creating one name at once: one fails").isOne();
        this.mvc.perform(get("/console/login")).andExpect(content().string(containsString(
                "name=\"username\" autocomplete=\"username\" autocapitalize=\"none\"")));
    }

    /** "3 to 100 letters" refused "анна" without saying that only Latin ones count. */
    @Test
    void aUsernameInCyrillicIsRefusedSayingWhichLettersCount() throws Exception {
        assertThat(catchThrowable(() -> this.accounts.create("анна", "anna's own password", ConsoleAccounts.Role.EDITOR,
                "test"))).hasMessage("A username has 3 to 100 Latin letters (a to z), digits or . _ @ - "
                        + "(an e-mail address will do).");
        this.mvc.perform(get("/console/users").with(user("boss").roles("ADMIN", "EDITOR")))
                .andExpect(content().string(containsString("Latin letters, digits, . _ @ -")))
                .andExpect(content().string(containsString("pattern=\"[A-Za-z0-9._@\\-]{3,100}\"")));
    }

    @Test
    void theConfiguredAdministratorsPasswordIsTheConfigurations() throws Exception {
        MockHttpSession session = logIn(ADMIN_USERNAME, ADMIN_PASSWORD);
        this.mvc.perform(get("/console/account").session(session)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("configured-password"),
                        containsString("SPELLING_WORKER_ADMIN_PASSWORD"), not(containsString("change-password")))));
        this.mvc.perform(post("/console/account/password").session(session).with(csrf())
                .param("currentPassword", ADMIN_PASSWORD).param("newPassword", "an admin password")
                .param("repeatedPassword", "an admin password"))
                .andExpect(flash().attribute("problem",
                        "Your password is set in the configuration (spelling.worker.admin.password): change it there."));
        this.mvc.perform(formLogin("/console/login").user(ADMIN_USERNAME).password(ADMIN_PASSWORD))
                .andExpect(authenticated().withUsername(ADMIN_USERNAME));
    }

    @Test
    void anAdministratorChangesARoleAndTheAccountsOpenSessionHasItAtOnce() throws Exception {
        String name = newEditor("editor, then admin");
        MockHttpSession session = logIn(name, "editor, then admin");
        long id = idOf(name);
        this.mvc.perform(get("/console/users").session(session)).andExpect(status().isForbidden());

        this.mvc.perform(post("/console/users/{id}/role", id).param("role", "ADMIN").with(csrf())
                .with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR")))
                .andExpect(status().isFound()).andExpect(flash().attribute("message", name + " is an admin now."));
        this.mvc.perform(get("/console/users").session(session)).andExpect(status().isOk())
                .andExpect(authenticated().withRoles("ADMIN", "EDITOR"));
        this.mvc.perform(get("/api/v1/lag").with(httpBasic(name, "editor, then admin"))).andExpect(status().isOk());

        this.mvc.perform(post("/console/users/{id}/role", id).param("role", "EDITOR").with(csrf())
                .with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR")))
                .andExpect(flash().attribute("message", name + " is an editor now."));
        this.mvc.perform(get("/console/users").session(session)).andExpect(status().isForbidden());
        this.mvc.perform(get("/console/queue").session(session)).andExpect(status().isOk())
                .andExpect(authenticated().withRoles("EDITOR"));
        this.mvc.perform(get("/api/v1/lag").with(httpBasic(name, "editor, then admin"))).andExpect(status().isForbidden());

        this.mvc.perform(post("/console/users/{id}/role", id).param("role", "OWNER").with(csrf())
                .with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR")))
                .andExpect(status().isBadRequest()).andExpect(content().string(containsString("role")));
        this.mvc.perform(post("/console/users/{id}/role", Long.MAX_VALUE).param("role", "ADMIN").with(csrf())
                .with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR")))
                .andExpect(flash().attribute("problem", "There is no account with id " + Long.MAX_VALUE + "."));
        this.mvc.perform(post("/console/users/{id}/role", id).param("role", "ADMIN").with(csrf())
                .with(user("ed").roles("EDITOR"))).andExpect(status().isForbidden());
        assertThat(this.accounts.loadUserByUsername(name).getAuthorities()).extracting(Object::toString)
                .containsExactly("ROLE_EDITOR");
    }

    /** An admin who disabled or demoted themselves could not undo it: another admin does it. */
    @Test
    void anAdministratorCannotDisableOrDemoteThemselves() throws Exception {
        String name = "admin-" + UUID.randomUUID().toString().substring(0, 8);
        this.accounts.create(name, "an admin's password", ConsoleAccounts.Role.ADMIN, "test");
        MockHttpSession session = logIn(name, "an admin's password");
        long id = idOf(name);

        this.mvc.perform(get("/console/users").session(session)).andExpect(status().isOk())
                .andExpect(content().string(allOf(containsString("Admin (you)"),
                        not(containsString("/console/users/" + id + "/enabled")),
                        not(containsString("/console/users/" + id + "/role")),
                        not(containsString("/console/users/" + id + "/password")))));
        this.mvc.perform(post("/console/users/{id}/enabled", id).param("enabled", "false").session(session).with(csrf()))
                .andExpect(flash().attribute("problem", "You cannot disable your own account: another administrator can."));
        this.mvc.perform(post("/console/users/{id}/role", id).param("role", "EDITOR").session(session).with(csrf()))
                .andExpect(flash().attribute("problem",
                        "You cannot give up your own administrator role: another administrator can."));
        this.mvc.perform(get("/console/users").session(session)).andExpect(status().isOk());
        assertThat(this.accounts.loadUserByUsername(name).isEnabled()).isTrue();

        this.mvc.perform(post("/console/users/{id}/role", id).param("role", "EDITOR").with(csrf())
                .with(user(ADMIN_USERNAME).roles("ADMIN", "EDITOR")))
                .andExpect(flash().attribute("message", name + " is an editor now."));
        this.mvc.perform(get("/console/users").session(session)).andExpect(status().isForbidden());
    }

    private void changeOwn(MockHttpSession session, String current, String next, String repeated, String problem)
            throws Exception {
        this.mvc.perform(post("/console/account/password").session(session).with(csrf())
                .param("currentPassword", current).param("newPassword", next).param("repeatedPassword", repeated))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/console/account"))
                .andExpect(flash().attribute("problem", problem));
    }

    private String newEditor(String password) {
        String name = "pw-" + UUID.randomUUID().toString().substring(0, 8);
        this.accounts.create(name, password, ConsoleAccounts.Role.EDITOR, "test");
        return name;
    }

    private long idOf(String name) {
        return this.accounts.list().stream().filter((a) -> a.username().equals(name)).findFirst().orElseThrow().id();
    }

    private MockHttpSession logIn(String name, String password) throws Exception {
        return (MockHttpSession) this.mvc.perform(formLogin("/console/login").user(name).password(password))
                .andExpect(authenticated().withUsername(name)).andReturn().getRequest().getSession(false);
    }

}
