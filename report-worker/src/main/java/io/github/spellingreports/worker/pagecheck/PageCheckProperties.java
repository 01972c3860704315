package io.github.spellingreports.worker.pagecheck;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import io.github.spellingreports.events.Canonical;

/**
 * Settings of the page check before each digest; they live under {@code spelling.digest.*} next to
 * the digest's own settings (bound separately, so the digest does not depend on this feature).
 *
 * @param verifyPages whether the pages of digest candidates are fetched to find errors already corrected
 * @param verifyAllowedOrigins origins whose pages may be fetched, e.g. {@code https://news.example}; none by default
 *        (the worker does not know the intake's allow-list), which turns the check off in effect
 * @param verifyTimeout longest wait for one page (connect and answer)
 * @param verifyConcurrency pages fetched at the same time
 * @param verifyBudget longest time the whole check may take before the digest is built; pages not fetched by then
 *        are left as they are
 * @param verifyMaxPageSize larger pages are not checked (1KB to 100MB)
 */
@Validated
@ConfigurationProperties("spelling.digest")
public record PageCheckProperties(
        @DefaultValue("true") boolean verifyPages,
        @NotNull @DefaultValue List<String> verifyAllowedOrigins,
        @NotNull @DefaultValue("5s") Duration verifyTimeout,
        @Min(1) @Max(32) @DefaultValue("4") int verifyConcurrency,
        @NotNull @DefaultValue("30s") Duration verifyBudget,
        @NotNull @DefaultValue("5MB") DataSize verifyMaxPageSize) {

    @AssertTrue(message = "verify-allowed-origins must be origins such as https://news.example")
    public boolean isVerifyAllowedOriginsValid() {
        if (this.verifyAllowedOrigins == null) {
            return true;
        }
        try {
            // an origin has no path or query: its canonical URL is its origin
            return this.verifyAllowedOrigins.stream().map(String::strip)
                    .allMatch((origin) -> Canonical.origin(origin).equals(Canonical.pageUrl(origin)));
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

    @AssertTrue(message = "verify-timeout must be positive")
    public boolean isVerifyTimeoutValid() {
        return this.verifyTimeout == null || (!this.verifyTimeout.isNegative() && !this.verifyTimeout.isZero());
    }

    @AssertTrue(message = "verify-max-page-size must be 1KB to 100MB")
    public boolean isVerifyMaxPageSizeValid() {
        // 0 or less had turned the check off without a word ("larger than 0B, left as it is")
        return this.verifyMaxPageSize == null || (this.verifyMaxPageSize.toBytes() >= DataSize.ofKilobytes(1).toBytes()
                && this.verifyMaxPageSize.toBytes() <= DataSize.ofMegabytes(100).toBytes());
    }

    @AssertTrue(message = "verify-budget must be positive")
    public boolean isVerifyBudgetValid() {
        return this.verifyBudget == null || (!this.verifyBudget.isNegative() && !this.verifyBudget.isZero());
    }

    /** @return whether the page at this canonical URL may be fetched */
    boolean allows(String pageUrl) {
        try {
            String origin = Canonical.origin(pageUrl);
            return this.verifyAllowedOrigins.stream().anyMatch((allowed) -> Canonical.origin(allowed.strip()).equals(origin));
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

}
