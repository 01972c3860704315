package io.github.spellingreports.worker.queue;

import java.util.stream.Collectors;

import io.github.spellingreports.events.SpellingErrorReported;
import org.apache.kafka.common.header.Headers;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

import org.springframework.kafka.support.serializer.JacksonJsonDeserializer;

/**
 * Reads the records of the reports topic (the delegate of Spring Kafka's
 * {@code ErrorHandlingDeserializer}, configured in {@code worker.yml}) as
 * {@link JacksonJsonDeserializer} does. A record of a schema version this worker cannot read also
 * keeps its bytes as published, in {@link #ORIGINAL_VALUE_HEADER}: its dead letter must be that
 * record, which a newer worker can replay, not this worker's reading of it, which has lost every
 * field this version does not know. {@link #describe} says in a line what was wrong with a record
 * it could not read at all.
 */
public class ReportDeserializer extends JacksonJsonDeserializer<SpellingErrorReported> {

    /** The value as published, on a record of a schema version this worker cannot read. */
    public static final String ORIGINAL_VALUE_HEADER = "spelling_original_value";

    /** A parser's message can quote a long token; the reason is one line. */
    private static final int MAX_REASON = 200;

    @Override
    public SpellingErrorReported deserialize(String topic, Headers headers, byte[] data) {
        SpellingErrorReported report = super.deserialize(topic, headers, data);
        if (report != null && !IncomingReport.readable(report.schemaVersion()) && headers != null) {
            headers.add(ORIGINAL_VALUE_HEADER, data);
        }
        return report;
    }

    /**
     * @param failure the listener's failure with a record
     * @return the parser's exception when the record could not be read at all, or {@code null}
     */
    public static JacksonException parseFailure(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < 10; depth++, cause = cause.getCause()) {
            if (cause instanceof JacksonException parse) {
                return parse;
            }
        }
        return null;
    }

    /**
     * What the parser found wrong with a record this deserializer could not read, for the dead
     * letter's reason: "Unexpected character ('x' (code 120)): expected a valid value (line 1,
     * column 2)", "Cannot deserialize value of type `int` from String \"one\": not a valid `int`
     * value (field schemaVersion)". Spring Kafka's own reason is only "failed to deserialize".
     * @param parse the parser's exception ({@link #parseFailure})
     * @return the parser's message in one line without its source excerpt, with where it stopped
     */
    public static String describe(JacksonException parse) {
        StringBuilder reason = new StringBuilder(String.valueOf(parse.getOriginalMessage()).lines().findFirst().orElse(""));
        if (reason.length() > MAX_REASON) {
            reason.setLength(MAX_REASON);
            reason.append('…');
        }
        String field = parse.getPath().stream()
                .map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
                        : "[" + reference.getIndex() + "]")
                .collect(Collectors.joining("."));
        TokenStreamLocation location = parse.getLocation();
        if (!field.isEmpty()) {
            reason.append(" (field ").append(field).append(')');
        }
        else if (location != null && location.getLineNr() > 0) {
            reason.append(" (line ").append(location.getLineNr()).append(", column ").append(location.getColumnNr()).append(')');
        }
        return reason.toString();
    }

}
