package io.github.spellingreports.worker.console;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.github.spellingreports.worker.config.AdminAccount;
import io.github.spellingreports.worker.config.ConsoleUser;
import io.github.spellingreports.worker.config.Passwords;
import io.github.spellingreports.worker.config.WorkerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Who may log in: the configured administrator ({@link AdminAccount}), the configured metrics
 * account when it has a password (it reads the actuator only), and the accounts an
 * administrator created in the console ({@code app_user}, passwords as bcrypt hashes through the
 * delegating encoder). The configured accounts' names cannot be taken by a database account,
 * and its password is the configuration's; the others' owners change theirs, and an administrator
 * can set a new one (a forgotten password) and change their role. Setting a password ends the
 * account's other console sessions ({@link ConsoleUser}).
 */
@Service
class ConsoleAccounts implements UserDetailsService {

    static final int MIN_PASSWORD = Passwords.MIN_CHARS;

    /** In characters, for the forms; BCrypt's limit is in bytes ({@link Passwords#MAX_BYTES}), the check's. */
    static final int MAX_PASSWORD = Passwords.MAX_BYTES;

    private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9._@-]{3,100}");

    private static final Logger log = LoggerFactory.getLogger(ConsoleAccounts.class);

    private final JdbcClient jdbc;

    private final PasswordEncoder passwordEncoder;

    private final UserDetails admin;

    private final Optional<UserDetails> metrics;

    ConsoleAccounts(JdbcClient jdbc, PasswordEncoder passwordEncoder, AdminAccount admin, WorkerProperties properties) {
        this.jdbc = jdbc;
        this.passwordEncoder = passwordEncoder;
        this.admin = User.withUsername(admin.username()).password(passwordEncoder.encode(admin.password()))
                .roles(Role.ADMIN.name(), Role.EDITOR.name()).build();
        WorkerProperties.Metrics metrics = properties.metrics();
        this.metrics = metrics.enabled()
                ? Optional.of(User.withUsername(metrics.username()).password(passwordEncoder.encode(metrics.password()))
                        .roles(WorkerProperties.Metrics.ROLE).build())
                : Optional.empty();
    }

    @Override
    public UserDetails loadUserByUsername(String username) {
        if (isConfigured(username)) {
            // a copy: the authentication manager erases credentials of what it is given
            return User.withUserDetails(this.admin).build();
        }
        if (isMetrics(username)) {
            return User.withUserDetails(this.metrics.orElseThrow()).build();
        }
        if (username == null || !USERNAME.matcher(username).matches()) {
            // no account has such a name (create() allows none), and PostgreSQL would refuse some (a NUL)
            throw new UsernameNotFoundException("No account " + username);
        }
        // whatever its case: phones capitalise the first letter typed. Where two accounts differ only in
        // case (made before V12) the exact spelling wins, else always the older one
        return this.jdbc.sql("""
                select username, password_hash, role, enabled, password_changed_at from app_user
                 where lower(username) = lower(:username) order by username = :username desc, id limit 1
                """)
                .param("username", username)
                .query((rs, row) -> new ConsoleUser(rs.getString("username"), rs.getString("password_hash"),
                        rs.getBoolean("enabled"), Role.valueOf(rs.getString("role")).authorities(),
                        rs.getObject("password_changed_at", OffsetDateTime.class).toInstant()))
                .optional()
                .orElseThrow(() -> new UsernameNotFoundException("No account " + username));
    }

    List<Account> list() {
        return this.jdbc.sql("""
                select id, username, role, enabled, created_at, password_changed_at from app_user order by username
                """)
                .query((rs, row) -> new Account(rs.getLong("id"), rs.getString("username"), Role.valueOf(rs.getString("role")),
                        rs.getBoolean("enabled"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                        rs.getObject("password_changed_at", OffsetDateTime.class).toInstant()))
                .list();
    }

    /**
     * @throws IllegalArgumentException with a message for the form when the account cannot be created
     */
    void create(String username, String password, Role role, String by) {
        String name = (username != null) ? username.strip() : "";
        if (!USERNAME.matcher(name).matches()) {
            throw new IllegalArgumentException("A username has 3 to 100 Latin letters (a to z), digits or . _ @ - "
                    + "(an e-mail address will do).");
        }
        if (isConfigured(name)) {
            throw new IllegalArgumentException("That is the configured administrator's name.");
        }
        if (isMetrics(name)) {
            throw new IllegalArgumentException("That is the configured metrics account's name.");
        }
        checkNewPassword(password);
        int created;
        try {
            // another account of this name in any case: none created (where V12 could not add its index too)
            created = this.jdbc.sql("""
                    insert into app_user (username, password_hash, role) select :username, :hash, :role
                     where not exists (select 1 from app_user where lower(username) = lower(:username))""")
                    .param("username", name).param("hash", this.passwordEncoder.encode(password))
                    .param("role", role.name()).update();
        }
        catch (DuplicateKeyException ex) {
            created = 0;
        }
        if (created == 0) {
            throw new IllegalArgumentException("An account named " + name + " exists already.");
        }
        log.info("Account {} ({}) created by {}", name, role, by);
    }

    /** @return whether this is the configured metrics account */
    private boolean isMetrics(String username) {
        return this.metrics.map((account) -> account.getUsername().equalsIgnoreCase(username)).orElse(false);
    }

    /** @return whether this is the configured administrator, whose password is the configuration's */
    boolean isConfigured(String username) {
        return this.admin.getUsername().equalsIgnoreCase(username);
    }

    /** @return when the password of this account of the database was set, empty for the configured administrator */
    Optional<Instant> passwordChangedAt(String username) {
        return this.jdbc.sql("select password_changed_at from app_user where username = :username")
                .param("username", username).query(OffsetDateTime.class).optional().map(OffsetDateTime::toInstant);
    }

    /**
     * An account holder's change of their own password, which they prove they know.
     * @throws IllegalArgumentException with a message for the form when the password cannot be changed
     */
    void changeOwnPassword(String username, String currentPassword, String newPassword) {
        if (isConfigured(username)) {
            throw new IllegalArgumentException(
                    "Your password is set in the configuration (spelling.worker.admin.password): change it there.");
        }
        StoredPassword stored = this.jdbc.sql("select id, password_hash from app_user where username = :username")
                .param("username", username).query(StoredPassword.class).optional()
                .orElseThrow(() -> new IllegalArgumentException("There is no account " + username + "."));
        if (currentPassword == null || !this.passwordEncoder.matches(currentPassword, stored.passwordHash())) {
            throw new IllegalArgumentException("The current password is not right.");
        }
        checkNewPassword(newPassword);
        storePassword(stored.id(), newPassword);
        log.info("Password of {} changed by its owner", username);
    }

    /**
     * An administrator's new password for an account (its owner forgot theirs, or it leaked).
     * @return the account's username, or empty when there is no account with this id
     * @throws IllegalArgumentException with a message for the form when the password cannot be used
     */
    Optional<String> setPassword(long id, String newPassword, String by) {
        checkNewPassword(newPassword);
        Optional<String> username = storePassword(id, newPassword);
        username.ifPresent((name) -> log.info("Password of {} (id={}) set by {}", name, id, by));
        return username;
    }

    /** @return the account's username, or empty when there is no account with this id */
    private Optional<String> storePassword(long id, String newPassword) {
        return this.jdbc.sql("""
                update app_user set password_hash = :hash, password_changed_at = clock_timestamp()
                 where id = :id returning username
                """)
                .param("hash", this.passwordEncoder.encode(newPassword)).param("id", id)
                .query(String.class).optional();
    }

    private static void checkNewPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || !Passwords.fitBcrypt(password)) {
            throw new IllegalArgumentException("A password has " + MIN_PASSWORD + " to " + MAX_PASSWORD
                    + " characters, fewer outside ASCII: a Cyrillic letter counts as two (BCrypt reads "
                    + Passwords.MAX_BYTES + " bytes).");
        }
    }

    /**
     * Makes an editor an admin or an admin an editor; the account's open sessions get the new role
     * at their next request.
     * @return the account's username, or empty when there is no account with this id
     * @throws IllegalArgumentException when an administrator would make themselves an editor
     */
    Optional<String> setRole(long id, Role role, String by) {
        if (role != Role.ADMIN) {
            refuseOwn(id, by, "You cannot give up your own administrator role: another administrator can.");
        }
        Optional<String> username = this.jdbc.sql("update app_user set role = :role where id = :id returning username")
                .param("role", role.name()).param("id", id).query(String.class).optional();
        username.ifPresent((name) -> log.info("Account {} (id={}) made {} by {}", name, id, role, by));
        return username;
    }

    /**
     * @return the account's username, or empty when there is no account with this id
     * @throws IllegalArgumentException when an administrator would disable themselves
     */
    Optional<String> setEnabled(long id, boolean enabled, String by) {
        if (!enabled) {
            refuseOwn(id, by, "You cannot disable your own account: another administrator can.");
        }
        Optional<String> username = this.jdbc
                .sql("update app_user set enabled = :enabled where id = :id returning username")
                .param("enabled", enabled).param("id", id).query(String.class).optional();
        username.ifPresent((name) -> log.info("Account {} (id={}) {} by {}", name, id,
                enabled ? "enabled" : "disabled", by));
        return username;
    }

    /** An administrator who locked themselves out of the users page could not undo it. */
    private void refuseOwn(long id, String by, String problem) {
        Optional<String> username = this.jdbc.sql("select username from app_user where id = :id").param("id", id)
                .query(String.class).optional();
        if (username.isPresent() && username.get().equals(by)) {
            throw new IllegalArgumentException(problem);
        }
    }

    /** Console roles; an admin is an editor too. */
    enum Role {

        EDITOR, ADMIN;

        List<GrantedAuthority> authorities() {
            return (this == ADMIN) ? AuthorityUtils.createAuthorityList("ROLE_ADMIN", "ROLE_EDITOR")
                    : AuthorityUtils.createAuthorityList("ROLE_EDITOR");
        }

        /** @return "an admin" or "an editor", for messages */
        String title() {
            return (this == ADMIN) ? "an admin" : "an editor";
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
     * @param passwordChangedAt when its password was last set
     */
    record Account(long id, String username, Role role, boolean enabled, Instant createdAt, Instant passwordChangedAt) {
    }

    /**
     * @param id the account's id
     * @param passwordHash its password's hash
     */
    private record StoredPassword(long id, String passwordHash) {
    }

}
