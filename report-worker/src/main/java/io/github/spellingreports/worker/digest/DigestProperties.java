package io.github.spellingreports.worker.digest;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import io.github.spellingreports.events.Canonical;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.util.StringUtils;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the daily digest mail ({@code spelling.digest.*}).
 * <p>
 * While scheduled digests are enabled at least one recipient is required: a digest nobody
 * receives is a misconfiguration that should stop start-up, not a silent archive.
 *
 * @param enabled whether the worker builds and mails a digest on the {@code cron} schedule
 * @param cron when the digest is built (Spring cron: second minute hour day month weekday)
 * @param zone the newsroom's time zone, e.g. {@code Europe/Berlin}: {@code cron} is read in it, digests are dated
 *        in it, and the console shows its times in it
 * @param recipients e-mail addresses of the editors who receive the digest
 * @param from sender address of the digest mail
 * @param subject subject line; {errors}, {reports}, {date} and {desk} are replaced by the digest's figures (a
 *        routed desk's subject starts with "[desk] " when the line has no {desk}), and {errors:error|errors} by
 *        the word in the form the figure takes ({@link SubjectLine})
 * @param sendWhenEmpty whether a digest is recorded and mailed even when nothing new was reported
 * @param consoleUrl base URL of the worker console as editors reach it (absolute, http or https); the digest's
 *        links point there
 * @param retryInitialInterval wait before the first retry of a digest SMTP did not accept
 * @param retryMaxInterval longest wait between retries (the wait doubles up to it)
 * @param retryInterval how often the worker looks for digests due for (re)sending
 * @param claimTimeout how long one worker owns a digest it sends before another may take over
 * @param routes rules that send the errors of some pages or languages to their own recipients (desks), first
 *        match wins; the other errors go to {@code recipients}
 */
@Validated
@ConfigurationProperties("spelling.digest")
public record DigestProperties(
        @DefaultValue("true") boolean enabled,
        @NotBlank @DefaultValue("0 0 8 * * *") String cron,
        @NotNull @DefaultValue("UTC") ZoneId zone,
        @NotNull @DefaultValue List<@NotBlank @Email String> recipients,
        @NotBlank @Email String from,
        @NotBlank @DefaultValue("Spelling reports, {date}: {errors} {errors:error|errors}, {reports} new {reports:report|reports}") String subject,
        @DefaultValue("false") boolean sendWhenEmpty,
        @NotNull @DefaultValue("http://localhost:8081") URI consoleUrl,
        @NotNull @DefaultValue("30s") Duration retryInitialInterval,
        @NotNull @DefaultValue("30m") Duration retryMaxInterval,
        @NotNull @DefaultValue("30s") Duration retryInterval,
        @NotNull @DefaultValue("5m") Duration claimTimeout,
        @NotNull @DefaultValue List<@Valid Route> routes) {

    /** The desk of errors that match no route. */
    public static final String DEFAULT_DESK = "default";

    /**
     * @param now the current time
     * @return when the cron fires next after {@code now}, in {@code zone}; empty while scheduled digests are off
     */
    public Optional<ZonedDateTime> nextScheduled(Instant now) {
        return this.enabled ? Optional.ofNullable(CronExpression.parse(this.cron).next(now.atZone(this.zone))) : Optional.empty();
    }

    @AssertTrue(message = "subject: a choice must be {errors:one|other} or {reports:one|other}, or name three forms "
            + "(one|few|many)")
    public boolean isSubjectChoicesValid() {
        return this.subject == null || SubjectLine.problem(this.subject).isEmpty();
    }

    /** A bare {@code desk.news.example} made every link in the mails relative: no mail client opens them. */
    @AssertTrue(message = "console-url must be an absolute http or https URL with a host")
    public boolean isConsoleUrlValid() {
        return this.consoleUrl == null || (("http".equalsIgnoreCase(this.consoleUrl.getScheme())
                || "https".equalsIgnoreCase(this.consoleUrl.getScheme())) && this.consoleUrl.getHost() != null);
    }

    @AssertTrue(message = "route names must be unique and not 'default'")
    public boolean isRouteNamesUnique() {
        if (this.routes == null) {
            return true;
        }
        Set<String> names = new HashSet<>();
        return this.routes.stream().map(Route::name).filter(Objects::nonNull)
                .allMatch((name) -> !name.equalsIgnoreCase(DEFAULT_DESK) && names.add(name.toLowerCase(Locale.ROOT)));
    }

    /**
     * @param pageUrl canonical page URL of an error
     * @param lang its language tag, may be {@code null}
     * @return the name of the first route the error matches, else {@link #DEFAULT_DESK}
     */
    public String deskOf(String pageUrl, String lang) {
        return this.routes.stream().filter((route) -> route.matches(pageUrl, lang)).map(Route::name).findFirst()
                .orElse(DEFAULT_DESK);
    }

    /** @return the recipients of a desk */
    public List<String> recipientsOf(String desk) {
        return this.routes.stream().filter((route) -> route.name().equals(desk)).map(Route::recipients).findFirst()
                .orElse(this.recipients);
    }

    /** @return every desk name, the default one first */
    public List<String> desks() {
        List<String> desks = new ArrayList<>();
        desks.add(DEFAULT_DESK);
        this.routes.forEach((route) -> desks.add(route.name()));
        return desks;
    }

    /**
     * A routing rule: errors on pages under {@code urlPrefix} and/or in language {@code lang} go to
     * {@code recipients} in a digest of their own.
     *
     * @param name name of the desk, shown in its digest and the archive
     * @param urlPrefix page URL prefix, e.g. {@code https://news.example/sport/}, starting with {@code http://} or
     *        {@code https://}; a whole URL is compared in the canonical form pages are stored in
     * @param lang language tag; {@code en} also matches {@code en-GB}
     * @param recipients e-mail addresses of the desk's editors
     */
    public record Route(@NotBlank @Size(max = 100) String name, String urlPrefix, String lang,
            @NotEmpty List<@NotBlank @Email String> recipients) {

        public Route {
            urlPrefix = canonicalPrefix(urlPrefix);
        }

        /**
         * A prefix that is a whole URL in the form pages are stored in (host in ASCII and lower
         * case, text outside ASCII percent-encoded, as browsers send it), its trailing slash kept:
         * {@code https://Пример.рф/спорт/} matches the pages of that section. Anything else as written.
         */
        private static String canonicalPrefix(String prefix) {
            if (!StringUtils.hasText(prefix)) {
                return prefix;
            }
            String written = prefix.strip();
            try {
                String canonical = Canonical.pageUrl(written);
                return (written.endsWith("/") && !canonical.endsWith("/")) ? canonical + "/" : canonical;
            }
            catch (IllegalArgumentException ex) {
                return written;
            }
        }

        @AssertTrue(message = "must give url-prefix, lang or both")
        public boolean isSelective() {
            return StringUtils.hasText(this.urlPrefix) || StringUtils.hasText(this.lang);
        }

        /** Pages are stored with their scheme: a prefix without one matched none, and its desk got nothing. */
        @AssertTrue(message = "url-prefix must start with http:// or https://")
        public boolean isUrlPrefixHttp() {
            if (!StringUtils.hasText(this.urlPrefix)) {
                return true;
            }
            String prefix = this.urlPrefix.toLowerCase(Locale.ROOT);
            return prefix.startsWith("http://") || prefix.startsWith("https://");
        }

        boolean matches(String pageUrl, String errorLang) {
            boolean urlMatches = !StringUtils.hasText(this.urlPrefix) || pageUrl.startsWith(this.urlPrefix);
            return urlMatches && (!StringUtils.hasText(this.lang) || langMatches(errorLang));
        }

        private boolean langMatches(String errorLang) {
            if (errorLang == null) {
                return false;
            }
            String wanted = this.lang.strip().toLowerCase(Locale.ROOT);
            String actual = errorLang.toLowerCase(Locale.ROOT);
            return actual.equals(wanted) || actual.startsWith(wanted + "-");
        }

    }

    @AssertTrue(message = "must be a Spring cron expression with six fields, e.g. '0 0 8 * * *'")
    public boolean isCronValid() {
        return this.cron == null || CronExpression.isValidExpression(this.cron);
    }

    @AssertTrue(message = "must name at least one address while spelling.digest.enabled is true "
            + "(set SPELLING_DIGEST_RECIPIENTS, or spelling.digest.enabled=false)")
    public boolean isRecipientsPresentWhenEnabled() {
        return !this.enabled || (this.recipients != null && !this.recipients.isEmpty());
    }

    @AssertTrue(message = "must be positive and retry-max-interval must not be shorter than retry-initial-interval")
    public boolean isRetryIntervalsValid() {
        return isPositive(this.retryInitialInterval) && isPositive(this.retryMaxInterval) && isPositive(this.retryInterval)
                && isPositive(this.claimTimeout) && this.retryMaxInterval.compareTo(this.retryInitialInterval) >= 0;
    }

    private static boolean isPositive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }

}
