package io.github.spellingreports.worker.console;

import io.github.spellingreports.worker.digest.DigestProperties;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * The time zone every console page shows its times in, and names beside them: the newsroom's
 * ({@code spelling.digest.zone}, the one its digests are scheduled and dated in), UTC by default.
 * An editor in Almaty reads when a typo was reported on their own clock.
 */
@ControllerAdvice(basePackageClasses = ConsoleTimeZone.class)
class ConsoleTimeZone {

    private final String zone;

    ConsoleTimeZone(DigestProperties properties) {
        this.zone = properties.zone().getId();
    }

    /** @return the zone's id ({@code UTC}, {@code Asia/Almaty}), for {@code #temporals.format} and the labels */
    @ModelAttribute("zone")
    String zone() {
        return this.zone;
    }

}
