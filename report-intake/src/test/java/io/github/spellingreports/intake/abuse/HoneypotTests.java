package io.github.spellingreports.intake.abuse;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class HoneypotTests {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final Honeypot honeypot = new Honeypot(new Refusals(registry));

    @Test
    void onlyAFilledInFieldIsCaught() {
        assertThat(honeypot.caught(null, "c1")).isFalse();
        assertThat(honeypot.caught("", "c1")).isFalse();
        assertThat(honeypot.caught("https://spam.example", "c1")).isTrue();
    }

    /** A bot flood within the rate limits writes a bounded number of lines; every catch is counted. */
    @Test
    void aFloodOfBotsIsNotAFloodOfLogLines(CapturedOutput output) {
        for (int i = 0; i < 150; i++) {
            assertThat(honeypot.caught("https://spam.example", "client-" + i)).isTrue();
            assertThat(honeypot.caught("https://spam.example", "client-" + i)).isTrue();
        }
        assertThat(output.getOut().lines().filter(line -> line.contains("filled in the honeypot field")))
                .hasSize(Honeypot.LOGGED_CLIENTS).last().asString().contains("client-99 ");
        assertThat(registry.get("spelling.intake.refused").tag("reason", "honeypot").counter().count()).isEqualTo(300);
    }

}
