package io.github.spellingreports.worker.queue;

import java.util.List;

/**
 * A page of the moderation queue; the field names follow Spring Data's page JSON.
 *
 * @param content the errors on this page
 * @param page 0-based page number
 * @param size requested page size
 * @param totalElements errors in the whole queue (for the requested status)
 * @param totalPages pages of this size in the whole queue
 */
public record ErrorPage(List<QueuedError> content, int page, int size, long totalElements, int totalPages) {

    static ErrorPage of(List<QueuedError> content, int page, int size, long totalElements) {
        return new ErrorPage(content, page, size, totalElements, (int) ((totalElements + size - 1) / size));
    }

}
