package io.github.spellingreports.worker.alerts;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertRendererTests {

    /** spelling.alerts.hot-window takes any duration: 90 seconds read "1 min", 45 seconds "0 min". */
    @Test
    void theWindowIsNamedInMinutesWhereItIsWholeMinutesAndInSecondsElse() {
        assertThat(AlertRenderer.window(Duration.ofMinutes(30))).isEqualTo("30 min");
        assertThat(AlertRenderer.window(Duration.ofHours(2))).isEqualTo("120 min");
        assertThat(AlertRenderer.window(Duration.ofSeconds(90))).isEqualTo("90 s");
        assertThat(AlertRenderer.window(Duration.ofSeconds(45))).isEqualTo("45 s");
    }

}
