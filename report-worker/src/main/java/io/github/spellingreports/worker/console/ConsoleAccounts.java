package io.github.spellingreports.worker.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.spellingreports.worker.config.AdminAccount;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Who may log in: the configured administrator ({@link AdminAccount}) and the accounts an
 * administrator created in the console ({@code app_user}, passwords as bcrypt hashes through the
 * delegating encoder). The configured administrator's name cannot be taken by a database account.
 */
@Service
class ConsoleAccounts implements UserDetailsService {

    static final int MIN_PASSWORD = 12;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,100}");

    private static final Logger log = LoggerFactory.getLogger(ConsoleAccounts.class);

    private final JdbcClient jdbc;

    private final PasswordEncoder passwordEncoder;

    private final UserDetails admin;

    ConsoleAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder, AdminAccount admin) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.admin = User.withUsername(admin.username()).password(passwordEncoder.encode(admin.password()))
                .roles(Role.ADMIN.name(), Role.EDITOR.name()).build();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (this.admin.getUsername().equals(username)) {
            // a copy: the authentication manager erases credentials of what it is given
            return User.withUserDetails(this.admin).build();
        }
        return this.jdbc.sql("select username, password_hash, role, enabled from app_user where username = :username")
                .param("username", username)
                .query((rs, row) -> User.withUsername(rs.getString("username"))
                        .password(rs.getString("password_hash"))
                        .roles(Role.valueOf(rs.getString("role")).authorities())
                        .disabled(!rs.getBoolean("enabled"))
                        .build())
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No account " + username));
    }

    List<Account> list() {
        return this.jdbc.sql("select id, username, role, enabled, created_at from app_user order by username")
                .query((rs, row) -> new Account(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                        rs.getBoolean("enabled"), rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * @throws IllegalArgumentException with a message for the form when the account cannot be created
     */
    void create(String username, String password, Role role, String by) {
        String name = (username != null) ? username.strip() : "";
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A username has 3 to 100 letters, digits or . _ @ -");
        }
        if (name.equals(this.admin.getUsername())) {
            throw new IllegalArgumentException("That is the configured administrator's name.");
        }
        if (password == null || password.length() < MIN_PASSWORD || password.length() > 200) {
            throw new IllegalArgumentException("A password has at least " + MIN_PASSWORD + " characters.");
        }
        try {
            this.jdbc.sql("insert into app_user (username, password_hash, role) values (:username, :hash, :role)")
                    .param("username", name).param("hash", this.passwordEncoder.encode(password))
                    .param("role", role.name()).update();
        }
        catch (DuplicateKeyException ex) {
            throw new IllegalArgumentException("An account named " + name + " exists already.");
        }
        log.info("Account {} ({}) created by {}", name, role, by);
    }

    /** @return the account's username, or empty when there is no account with this id */
    Optional<String> setEnabled(long id, boolean enabled, String by) {
        Optional<String> username = this.jdbc
                .sql("update app_user set enabled = :enabled where id = :id returning username")
                .param("enabled", enabled).param("id", id).query(String.class).optional();
        username.ifPresent((name) -> log.info("Account {} (id={}) {} by {}", name, id,
                enabled ? "enabled" : "disabled", by));
        return username;
    }

    /** Console roles; an admin is an editor too. */
    enum Role {

        EDITOR, ADMIN;

        String[] authorities() {
            return (this == ADMIN) ? new String[] { "ADMIN", "EDITOR" } : new String[] { "EDITOR" };
        }

    }

    /**
     * An account as the users page lists it.
     *
     * @param id its id
     * @param username login name
     * @param role its role
     * @param enabled whether it may log in
     * @param createdAt when it was created
     */
    record Account(long id, String username, Role role, boolean enabled, Instant createdAt) {
    }

}
