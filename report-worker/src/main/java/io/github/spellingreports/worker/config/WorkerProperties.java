package io.github.spellingreports.worker.config;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the worker itself ({@code spelling.worker.*}).
 *
 * @param admin the administrator account
 * @param linkSecret key (at least 32 characters) that signs the one-click links in digest mails; from the
 *        environment ({@code SPELLING_WORKER_LINK_SECRET}); when empty a random key is made at each start and
 *        links mailed before a restart stop working
 * @param linkValidity how long a one-click link in a digest mail works
 * @param databaseSocketTimeout how long the worker waits for PostgreSQL's answer to a statement before it gives
 *        the connection up (pgjdbc's {@code socketTimeout}, whole seconds; 0 waits for ever): a database that
 *        stops answering without closing its connections (a fail-over, dropped packets) would otherwise hold the
 *        consumer and every page for as long as the kernel retransmits, about 15 minutes. Migrations run without it
 * @param metrics the account a metrics scraper (Prometheus) logs in with, which reads the actuator only
 */
@Validated
@ConfigurationProperties("spelling.worker")
public record WorkerProperties(@Valid @NotNull @DefaultValue Admin admin, String linkSecret,
        @NotNull @DefaultValue("14d") Duration linkValidity, @NotNull @DefaultValue("30s") Duration databaseSocketTimeout,
        @Valid @NotNull @DefaultValue Metrics metrics) {

    @AssertTrue(message = "metrics.username must not be the admin's username")
    public boolean isMetricsUsernameNotTheAdmins() {
        return this.admin == null || this.metrics == null || this.metrics.username() == null
                || !this.metrics.username().equalsIgnoreCase(this.admin.username());
    }

    @AssertTrue(message = "admin.password must be at most 72 bytes in UTF-8, what BCrypt reads "
            + "(72 ASCII characters, 36 Cyrillic letters)")
    public boolean isAdminPasswordShortEnough() {
        return this.admin == null || Passwords.fitBcrypt(this.admin.password());
    }

    @AssertTrue(message = "metrics.password must be at most 72 bytes in UTF-8, what BCrypt reads "
            + "(72 ASCII characters, 36 Cyrillic letters)")
    public boolean isMetricsPasswordShortEnough() {
        return this.metrics == null || Passwords.fitBcrypt(this.metrics.password());
    }

    @AssertTrue(message = "admin.password must be at least " + Passwords.MIN_CHARS + " characters, as every console password (or empty "
            + "for a random one per start): the account is the most powerful, its name known, and logins are not locked out")
    public boolean isAdminPasswordLongEnough() {
        return this.admin == null || longEnough(this.admin.password());
    }

    @AssertTrue(message = "metrics.password must be at least " + Passwords.MIN_CHARS + " characters, as every console password (or empty "
            + "for no metrics account)")
    public boolean isMetricsPasswordLongEnough() {
        return this.metrics == null || longEnough(this.metrics.password());
    }

    private static boolean longEnough(String password) {
        return password == null || password.isEmpty() || password.length() >= Passwords.MIN_CHARS;
    }

    @AssertTrue(message = "must be at least 32 characters (or empty for a random key per start)")
    public boolean isLinkSecretLongEnough() {
        return this.linkSecret == null || this.linkSecret.isEmpty() || this.linkSecret.length() >= 32;
    }

    @AssertTrue(message = "link-validity must be positive")
    public boolean isLinkValidityPositive() {
        return this.linkValidity == null || (!this.linkValidity.isNegative() && !this.linkValidity.isZero());
    }

    @AssertTrue(message = "database-socket-timeout must not be negative (0: no timeout)")
    public boolean isDatabaseSocketTimeoutValid() {
        return this.databaseSocketTimeout == null || !this.databaseSocketTimeout.isNegative();
    }

    /**
     * The administrator account, which can use the API and every console page.
     *
     * @param username login name of the administrator
     * @param password password of the administrator, 12 characters to 72 bytes in UTF-8 (what BCrypt reads); from the
     *        environment ({@code SPELLING_WORKER_ADMIN_PASSWORD}); when empty a random one is generated and logged once
     */
    public record Admin(@NotBlank @DefaultValue("admin") String username, String password) {
    }

    /**
     * The account a metrics scraper logs in with: it reads the actuator ({@code /actuator/prometheus})
     * and nothing else, so the scraper's configuration need not hold the administrator's password.
     *
     * @param username login name
     * @param password its password, 12 characters to 72 bytes in UTF-8; from the environment ({@code SPELLING_WORKER_METRICS_PASSWORD});
     *        when empty there is no such account (the administrator can still read the actuator)
     */
    public record Metrics(@NotBlank @DefaultValue("metrics") String username, String password) {

        /** The account's role: the actuator, nothing else. */
        public static final String ROLE = "METRICS";

        /** @return whether the account exists */
        public boolean enabled() {
            return this.password != null && !this.password.isEmpty();
        }

    }

}
