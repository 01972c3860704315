package io.github.spellingreports.intake.report;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import io.github.spellingreports.events.Canonical;

/**
 * The annotated text is {@code min..max} characters long as the worker stores it: runs of white space
 * of every kind (no-break and zero-width spaces too) as one space, leading and trailing ones stripped.
 * Readers' selections often carry stray spaces, which do not count.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = TrimmedLength.Validator.class)
@interface TrimmedLength {

    String message() default "must be {min} to {max} characters long without surrounding white space";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    int min() default 0;

    int max() default Integer.MAX_VALUE;

    /** Validates {@link TrimmedLength}. */
    class Validator implements ConstraintValidator<TrimmedLength, String> {

        private int min;

        private int max;

        @Override
        public void initialize(TrimmedLength annotation) {
            this.min = annotation.min();
            this.max = annotation.max();
        }

        @Override
        public boolean isValid(String value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            // as the worker stores it: white space of every kind (no-break, zero-width) collapsed, then stripped
            int length = Canonical.text(value).strip().length();
            return length >= min && length <= max;
        }

    }

}
