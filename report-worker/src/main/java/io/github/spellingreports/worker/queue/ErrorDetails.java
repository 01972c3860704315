package io.github.spellingreports.worker.queue;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * One error as {@code GET /api/v1/errors/{id}} shows it: the queued error's fields and its variants.
 *
 * @param error the error
 * @param variants how readers selected it, most reported first
 */
record ErrorDetails(@JsonUnwrapped QueuedError error, List<ErrorVariant> variants) {
}
