package io.github.spellingreports.worker.queue;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * No error with the requested id; rendered as a 404 problem detail.
 */
public class ErrorNotFoundException extends ErrorResponseException {

    ErrorNotFoundException(long id) {
        super(HttpStatus.NOT_FOUND, problem(id), null);
    }

    private static ProblemDetail problem(long id) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "No error with id " + id + ".");
        problem.setTitle("Error not found");
        return problem;
    }

}
