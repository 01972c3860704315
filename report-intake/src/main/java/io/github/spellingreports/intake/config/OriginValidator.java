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
        String canonical;
        try {
            canonical = Canonical.origin(value);
        }
        catch (IllegalArgumentException ex) {
            return false;
        }
        // Canonical form only: the allow-list is compared with Canonical.origin(pageUrl) as is. Say
        // which form that is: a host in Unicode (пример.рф) is written in its ASCII form, as browsers send it.
        if (!canonical.equals(value)) {
            context.disableDefaultConstraintViolation();
            // the canonical origin holds no '{', '}', '$' or '\\' that the message interpolation would read
            context.buildConstraintViolationWithTemplate(context.getDefaultConstraintMessageTemplate()
                    + ": write it as " + canonical).addConstraintViolation();
            return false;
        }
        return true;
    }

}
