package io.github.spellingreports.intake.config;

import io.github.spellingreports.events.Canonical;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Validates {@link Origin}. Public because Hibernate Validator instantiates it reflectively.
 */
public class OriginValidator implements ConstraintValidator<Origin, String> {

    @Override
    public boolean isValid(String value, ConstraintValidatorContext context) {
        if (value == null) {
            return true;
        }
        try {
            // Canonical form only: the allow-list is compared with Canonical.origin(pageUrl) as is.
            return Canonical.origin(value).equals(value);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
    }

}
