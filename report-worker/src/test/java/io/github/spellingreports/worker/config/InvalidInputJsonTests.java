package io.github.spellingreports.worker.config;

import java.nio.charset.StandardCharsets;

import io.github.spellingreports.worker.queue.ReportDeserializer;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;

import org.springframework.kafka.support.serializer.DeserializationException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class InvalidInputJsonTests {

    @Test
    void unreadableJsonIsDescribedByWhatTheParserFoundAndWhere() {
        assertThat(describe(failureOf("{\"schemaVersion\": 1,\n \"reportId\": x}")))
                .startsWith("Unrecognized token 'x'").endsWith("(line 2, column 14)").doesNotContain("\n");
    }

    @Test
    void aValueOfTheWrongTypeIsDescribedByItsField() {
        assertThat(describe(failureOf("{\"schemaVersion\": [1]}")))
                .startsWith("Cannot deserialize value of type `int` from Array value").endsWith("(field schemaVersion)");
    }

    @Test
    void aLongTokenIsCutToOneShortLine() {
        String reason = describe(failureOf("{\"schemaVersion\": " + "y".repeat(5000) + "}"));
        assertThat(reason).hasSizeLessThan(260).contains("…").doesNotContain("\n");
    }

    @Test
    void aFailureThatIsNotTheParsersHasNoParseFailure() {
        assertThat(InvalidInput.jsonFailure(new IllegalStateException("Record not stored",
                new IllegalArgumentException("selection is missing")))).isNull();
        assertThat(InvalidInput.jsonFailure(new DeserializationException("failed to deserialize", new byte[0],
                false, new IllegalStateException("no")))).isNull();
    }

    private static String describe(Throwable failure) {
        JacksonException parse = InvalidInput.jsonFailure(failure);
        assertThat(parse).as("the parser's exception in %s", failure).isNotNull();
        return InvalidInput.describe(parse);
    }

    private static Throwable failureOf(String json) {
        try (ReportDeserializer deserializer = new ReportDeserializer()) {
            Throwable failure = catchThrowable(() -> deserializer.deserialize("spelling-reports", new RecordHeaders(),
                    json.getBytes(StandardCharsets.UTF_8)));
            assertThat(failure).as("unreadable: %s", json).isNotNull();
            // as the listener sees it: Spring Kafka's exception around the parser's
            return new DeserializationException("failed to deserialize", new byte[0], false, failure);
        }
    }

}
