package io.github.spellingreports.worker.queue;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A status change the moderation model does not allow (e.g. FIXED to DISMISSED); a 409 problem.
 */
public class InvalidTransitionException extends ErrorResponseException {

    InvalidTransitionException(long id, ErrorStatus from, ErrorStatus to) {
        super(HttpStatus.CONFLICT, problem(id, from, to), null);
    }

    private static ProblemDetail problem(long id, ErrorStatus from, ErrorStatus to) {
        // the same status: another editor (or a second press) got there first, and there is nothing to do
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, (from == to)
                ? "Error " + id + " is " + from + " already (changed meanwhile: see its history); nothing was changed."
                : "Error " + id + " is " + from + " and cannot become " + to + "; "
                        + (from == ErrorStatus.NEW ? "choose FIXED, DISMISSED or SPAM." : "reopen it (NEW) first."));
        problem.setTitle("Invalid status change");
        problem.setProperty("currentStatus", from.name());
        return problem;
    }

}
