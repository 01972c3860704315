package io.github.spellingreports.worker.queue;

import java.util.List;

/**
 * A page of one error's reports, newest first; the field names follow Spring Data's page JSON.
 *
 * @param content the reports on this page
 * @param page 0-based page number
 * @param size requested page size
 * @param totalElements the error's reports (those kept: the retention job deletes old ones, the
 *        error keeps its count)
 * @param totalPages pages of this size
 */
public record ReportPage(List<ReportView> content, int page, int size, long totalElements, int totalPages) {

    static ReportPage of(List<ReportView> content, int page, int size, long totalElements) {
        return new ReportPage(content, page, size, totalElements, (int) ((totalElements + size - 1) / size));
    }

}
