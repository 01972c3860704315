package io.github.spellingreports.worker.deadletter;

import java.time.Duration;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The dead-letter API's failures as problem details (rendered by the worker's ApiProblemHandler).
 */
final class DeadLetterProblems {

    /** What replaying a letter that may have been replayed already means. */
    private static final String AGAIN = "Replaying it again is harmless for a report (its report id counts it once); "
            + "but if the record fails again, each replay that reached the worker comes back as a new dead letter "
            + "at a newer offset, so look for one before replaying it again.";

    private DeadLetterProblems() {
    }

    static ErrorResponseException notFound(int partition, long offset) {
        return problem(HttpStatus.NOT_FOUND, "Dead letter not found",
                "The dead-letter topic holds no record at partition " + partition + ", offset " + offset + ".", null);
    }

    static ErrorResponseException alreadyHandled(int partition, long offset) {
        return problem(HttpStatus.CONFLICT, "Dead letter already handled",
                "The dead letter at partition " + partition + ", offset " + offset
                        + " was already replayed or discarded.", null);
    }

    static ErrorResponseException notReplayed(int partition, long offset, Throwable cause) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Replay failed",
                "Kafka did not accept the replay of partition " + partition + ", offset " + offset
                        + "; nothing was recorded, try again.", cause);
    }

    /**
     * Kafka did not acknowledge in time, but the producer keeps the record and may deliver it
     * still (up to its delivery.timeout.ms): the dead letter stays unhandled either way.
     */
    static ErrorResponseException replayUnconfirmed(int partition, long offset, Throwable cause) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Replay unconfirmed",
                "Kafka did not acknowledge the replay of partition " + partition + ", offset " + offset
                        + " in time; it may still have been replayed, and the dead letter is still listed as unhandled. "
                        + AGAIN, cause);
    }

    /** Kafka acknowledged the replay, but the database did not confirm recording it. */
    static ErrorResponseException replayNotRecorded(int partition, long offset, Throwable cause) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Replay not recorded",
                "Partition " + partition + ", offset " + offset + " was replayed, but the database did not confirm "
                        + "recording it, so the dead letter may still be listed as unhandled. " + AGAIN, cause);
    }

    /** The topic answered too slowly: what was read is not all there is, so nothing is concluded from it. */
    static ErrorResponseException unreadable(Duration timeout, Throwable cause) {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "Dead-letter topic unreadable",
                "Kafka did not return the dead-letter topic's records within " + timeout.toMillis()
                        + " ms (spelling.worker.dead-letters.read-timeout); try again.", cause);
    }

    private static ErrorResponseException problem(HttpStatus status, String title, String detail, Throwable cause) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return new ErrorResponseException(status, problem, cause);
    }

}
