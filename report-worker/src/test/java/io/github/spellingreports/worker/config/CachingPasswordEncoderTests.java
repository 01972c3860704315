package io.github.spellingreports.worker.config;

import java.time.Duration;
import java.time.Instant;

import io.github.spellingreports.worker.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingPasswordEncoderTests {

    private final CountingEncoder bcrypt = new CountingEncoder(new BCryptPasswordEncoder(4));

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T06:00:00Z"));

    private final CachingPasswordEncoder encoder = new CachingPasswordEncoder(this.bcrypt, this.clock);

    private final String stored = this.encoder.encode("correct horse");

    @Test
    void aMatchIsCheckedInFullOnceThenRemembered() {
        assertThat(this.encoder.matches("correct horse", this.stored)).isTrue();
        assertThat(this.encoder.matches("correct horse", this.stored)).isTrue();
        assertThat(this.encoder.matches("correct horse", this.stored)).isTrue();
        assertThat(this.bcrypt.checks).isEqualTo(1);
    }

    /**
     * A login of an unknown account is checked against a hash of a fixed password, to take as long
     * as a real one: remembered, that match answered such logins sent with that password at once,
     * and the time of the answer told which account names exist.
     */
    @Test
    void aLoginOfAnUnknownAccountAlwaysTakesAFullCheck() {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(new InMemoryUserDetailsManager(
                User.withUsername("anna").password(this.stored).roles("EDITOR").build()));
        provider.setPasswordEncoder(this.encoder);
        for (String name : new String[] { "nobody", "nobody", "anna" }) {
            assertThatThrownBy(() -> provider.authenticate(UsernamePasswordAuthenticationToken.unauthenticated(name,
                    CachingPasswordEncoder.UNKNOWN_ACCOUNT_PASSWORD))).isInstanceOf(BadCredentialsException.class);
        }
        // the provider's own hash of it (made at its first use), then one full check per login
        assertThat(this.bcrypt.checks).isEqualTo(3);
    }

    @Test
    void aWrongPasswordIsCheckedInFullEveryTimeAndNeverMatches() {
        assertThat(this.encoder.matches("correct horse", this.stored)).isTrue();
        assertThat(this.encoder.matches("wrong horse", this.stored)).isFalse();
        assertThat(this.encoder.matches("wrong horse", this.stored)).isFalse();
        assertThat(this.encoder.matches("correct horse ", this.stored)).isFalse();
        assertThat(this.bcrypt.checks).isEqualTo(4);
    }

    @Test
    void aChangedPasswordIsCheckedAgainstItsNewHash() {
        assertThat(this.encoder.matches("correct horse", this.stored)).isTrue();
        String changed = this.encoder.encode("battery staple");
        assertThat(this.encoder.matches("correct horse", changed)).isFalse();
        assertThat(this.encoder.matches("battery staple", changed)).isTrue();
        assertThat(this.bcrypt.checks).isEqualTo(3);
    }

    @Test
    void aMatchIsCheckedInFullAgainAfterTheTtl() {
        assertThat(this.encoder.matches("correct horse", this.stored)).isTrue();
        this.clock.advance(CachingPasswordEncoder.TTL.minusSeconds(1));
        assertThat(this.encoder.matches("correct horse", this.stored)).isTrue();
        assertThat(this.bcrypt.checks).isEqualTo(1);
        this.clock.advance(Duration.ofSeconds(1));
        assertThat(this.encoder.matches("correct horse", this.stored)).isTrue();
        assertThat(this.bcrypt.checks).isEqualTo(2);
    }

    @Test
    void keepsAtMostMaxEntriesDroppingTheOldest() {
        // a cheap delegate for the many entries: the stored "hash" is the password itself
        CountingEncoder same = new CountingEncoder(new PasswordEncoder() {

            @Override
            public String encode(CharSequence rawPassword) {
                return rawPassword.toString();
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                return rawPassword.toString().equals(encodedPassword);
            }

        });
        CachingPasswordEncoder encoder = new CachingPasswordEncoder(same, this.clock);
        for (int i = 0; i <= CachingPasswordEncoder.MAX_ENTRIES; i++) {
            assertThat(encoder.matches("password " + i, "password " + i)).isTrue();
        }
        int checks = same.checks;
        assertThat(encoder.matches("password " + CachingPasswordEncoder.MAX_ENTRIES, "password " + CachingPasswordEncoder.MAX_ENTRIES)).isTrue();
        assertThat(same.checks).isEqualTo(checks);
        assertThat(encoder.matches("password 0", "password 0")).isTrue();
        assertThat(same.checks).isEqualTo(checks + 1);
    }

    /** A real encoder that counts its full checks. */
    private static final class CountingEncoder implements PasswordEncoder {

        private final PasswordEncoder delegate;

        int checks;

        CountingEncoder(PasswordEncoder delegate) {
            this.delegate = delegate;
        }

        @Override
        public String encode(CharSequence rawPassword) {
            return this.delegate.encode(rawPassword);
        }

        @Override
        public boolean matches(CharSequence rawPassword, String encodedPassword) {
            this.checks++;
            return this.delegate.matches(rawPassword, encodedPassword);
        }

    }

}
