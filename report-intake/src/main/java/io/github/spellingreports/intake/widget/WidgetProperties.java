package io.github.spellingreports.intake.widget;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the reader widget ({@code spelling.intake.widget.*}).
 *
 * @param cacheMaxAge how long browsers and proxies may use {@code /widget.js} before revalidating it (by ETag)
 */
@Validated
@ConfigurationProperties("spelling.intake.widget")
record WidgetProperties(@NotNull @DurationMin(seconds = 0) @DefaultValue("1h") Duration cacheMaxAge) {
}
