package io.github.spellingreports.worker.queue;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Pattern;

/**
 * Text a client sends for the queue (a filter, a note) has no NUL character: PostgreSQL stores
 * none and refuses a statement that has one, which would be a 500 (the intake lets no control
 * character into a report). {@code null} is valid.
 */
@Documented
@Constraint(validatedBy = {})
@Pattern(regexp = "[^\\x00]*")
@ReportAsSingleViolation
@Target({ ElementType.PARAMETER, ElementType.FIELD, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface WithoutNul {

    String message() default "must not contain a NUL character";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

}
