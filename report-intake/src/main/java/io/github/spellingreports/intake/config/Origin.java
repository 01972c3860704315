package io.github.spellingreports.intake.config;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * The annotated string is a web origin in its canonical form, such as {@code https://news.example}
 * or {@code http://localhost:8080}: what browsers send in the {@code Origin} header.
 */
@Documented
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.TYPE_USE })
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = OriginValidator.class)
@interface Origin {

    String message() default "must be an origin such as https://news.example (lower-case scheme and host, "
            + "port only when not the default, no path, no trailing slash)";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

}
