package io.github.spellingreports.events;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class SpellingErrorReportedJsonTests {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void recordRoundTripsThroughJsonWithItsSchemaVersion() {
        SpellingErrorReported event = new SpellingErrorReported(SpellingErrorReported.CURRENT_SCHEMA_VERSION,
                UUID.randomUUID(), "k", "https://example.com/a", "Title", "en", "Kazakstan", "of ", " is",
                "typo", Instant.parse("2026-11-24T08:00:00Z"), null);
        String text = json.writeValueAsString(event);
        assertThat(text).contains("\"schemaVersion\":1").contains("\"reportId\"");
        assertThat(json.readValue(text, SpellingErrorReported.class)).isEqualTo(event);
    }

}
