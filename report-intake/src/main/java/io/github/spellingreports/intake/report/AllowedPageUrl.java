package io.github.spellingreports.intake.report;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;
import java.util.Set;

import io.github.spellingreports.events.Canonical;
import io.github.spellingreports.intake.config.IntakeProperties;
import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * The annotated text is an absolute http(s) URL on one of the allowed origins
 * ({@code spelling.intake.allowed-origins}), without a user name or password in it.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = AllowedPageUrl.Validator.class)
@interface AllowedPageUrl {

    String message() default "must be an absolute http(s) URL";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Validates {@link AllowedPageUrl}; created by Spring's validator factory, hence the injected settings. */
    class Validator implements ConstraintValidator<AllowedPageUrl, String> {

        private final Set<String> allowedOrigins;

        Validator(IntakeProperties properties) {
            this.allowedOrigins = Set.copyOf(properties.allowedOrigins());
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            String canonical;
            try {
                canonical = Canonical.pageUrl(value);
            }
            catch (IllegalArgumentException ex) {
                return false;
            }
            if (canonical.length() > ReportRequest.MAX_PAGE_URL && value.length() <= ReportRequest.MAX_PAGE_URL) {
                // a letter outside ASCII, short as sent, is six characters as stored: the worker would refuse it
                // (one too long as sent is said so by @Size, once)
                return violation(context, "must be at most " + ReportRequest.MAX_PAGE_URL
                        + " characters as browsers send it (percent-encoded, a Cyrillic letter takes 6)");
            }
            String origin = Canonical.originOfCanonical(canonical);
            if (hasUserInfo(value)) {
                // The URL is published and stored as sent: a password in it must never get that far.
                return violation(context, "must not contain a user name or password");
            }
            if (allowedOrigins.contains(origin)) {
                return true;
            }
            return violation(context, "must be a page of an allowed origin");
        }

        private static boolean hasUserInfo(String url) {
            // Canonical.origin accepted it, so it parses.
            return URI.create(url.strip()).getRawUserInfo() != null;
        }

        private static boolean violation(ConstraintValidatorContext context, String message) {
            context.disableDefaultConstraintViolation();
            context.buildConstraintViolationWithTemplate(message).addConstraintViolation();
            return false;
        }

    }

}
