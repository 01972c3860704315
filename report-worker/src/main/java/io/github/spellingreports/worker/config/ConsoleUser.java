package io.github.spellingreports.worker.config;

import java.io.Serial;
import java.time.Instant;
import java.util.Collection;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * An account of the database as it was loaded, with the time its password was set: a console
 * session keeps the one it logged in with, so {@link AccountSessionFilter} can tell that the
 * password changed since.
 */
public final class ConsoleUser extends User {

    @Serial
    private static final long serialVersionUID = 1L;

    private final Instant passwordChangedAt;

    public ConsoleUser(String username, String passwordHash, boolean enabled,
            Collection<? extends GrantedAuthority> authorities, Instant passwordChangedAt) {
        super(username, passwordHash, enabled, true, true, true, authorities);
        this.passwordChangedAt = passwordChangedAt;
    }

    /** @return when the account's password was set, as the database had it when this was loaded */
    public Instant passwordChangedAt() {
        return this.passwordChangedAt;
    }

    // equals and hashCode stay User's (the username): Spring Security compares principals by name

}
