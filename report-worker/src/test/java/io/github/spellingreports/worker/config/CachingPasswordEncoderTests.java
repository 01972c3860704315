package io.github.spellingreports.worker.config;

import java.time.Duration;
import java.time.Instant;

import io.github.spellingreports.worker.MutableClock;
import org.junit.jupiter.api.Test;

import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

import static org.assertj.core.api.Assertions.assertThat;

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
