package io.github.spellingreports.intake.abuse;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A browser sent a report from a page of a site that is not allowed: 403. */
class ForbiddenOriginException extends ErrorResponseException {

    ForbiddenOriginException() {
        super(HttpStatus.FORBIDDEN, ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN,
                "Reports are accepted only from the pages of the sites this service works for."), null);
    }

}
