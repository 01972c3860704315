package io.github.spellingreports.worker.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Remembers, for a few minutes, that a password matched its stored hash, so that an API client
 * or Prometheus sending the same HTTP Basic credentials with every request pays for one BCrypt
 * check (about 0.1 s of CPU) per {@link #TTL}, not one per request. Measured: during a backlog drain, a
 * metrics scrape every 2 s took 14% of the worker's Java CPU, all of it in BCrypt.
 * <p>
 * Only matches are remembered, under an HMAC (with a key made at start-up and never stored) of the
 * stored hash and the password: a changed password has another stored hash and is checked in full
 * again, a wrong password always is, and the passwords themselves are never kept. Whether the
 * account still exists and is enabled is checked on every request as before (Spring Security loads
 * the account before it compares the password). At most {@link #MAX_ENTRIES} are kept, the oldest
 * dropped first.
 */
final class CachingPasswordEncoder implements PasswordEncoder {

    static final Duration TTL = Duration.ofMinutes(5);

    static final int MAX_ENTRIES = 1024;

    /**
     * The password Spring Security's {@code DaoAuthenticationProvider} checks a login of an unknown
     * account against (a hash of it), so that the login takes as long as one of an account that
     * exists. A remembered match of it would answer such logins at once, and the time of an answer
     * would tell which accounts exist: it is always checked in full.
     */
    static final String UNKNOWN_ACCOUNT_PASSWORD = "userNotFoundPassword";

    private final PasswordEncoder delegate;

    private final Clock clock;

    private final SecretKeySpec key;

    /** Access-ordered would let a busy entry live forever; insertion order with a fixed expiry does not. */
    private final Map<String, Instant> matched = new LinkedHashMap<>(64, 0.75f, false) {

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
            return size() > MAX_ENTRIES;
        }

    };

    CachingPasswordEncoder(PasswordEncoder delegate, Clock clock) {
        this.delegate = delegate;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    @Override
    public String encode(CharSequence rawPassword) {
        return this.delegate.encode(rawPassword);
    }

    @Override
    public boolean matches(CharSequence rawPassword, String encodedPassword) {
        if (rawPassword == null || encodedPassword == null || UNKNOWN_ACCOUNT_PASSWORD.contentEquals(rawPassword)) {
            return this.delegate.matches(rawPassword, encodedPassword);
        }
        String entry = mac(rawPassword, encodedPassword);
        Instant now = this.clock.instant();
        synchronized (this.matched) {
            Instant expires = this.matched.get(entry);
            if (expires != null && now.isBefore(expires)) {
                return true;
            }
            this.matched.remove(entry);
        }
        boolean matches = this.delegate.matches(rawPassword, encodedPassword);
        if (matches) {
            synchronized (this.matched) {
                this.matched.put(entry, now.plus(TTL));
            }
        }
        return matches;
    }

    @Override
    public boolean upgradeEncoding(String encodedPassword) {
        return this.delegate.upgradeEncoding(encodedPassword);
    }

    private String mac(CharSequence rawPassword, String encodedPassword) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(this.key);
            mac.update(encodedPassword.getBytes(StandardCharsets.UTF_8));
            // the stored hash never contains a NUL: the pair cannot be read two ways
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(rawPassword.toString().getBytes(StandardCharsets.UTF_8)));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is part of every Java platform", ex);
        }
    }

}
