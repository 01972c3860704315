package io.github.spellingreports.worker.digest;

import java.util.List;

/**
 * The errors of one page, most reported first.
 *
 * @param url canonical URL of the page
 * @param title the page title, or its URL when no report carried one
 * @param entries the page's errors, most reported first
 */
record DigestPage(String url, String title, List<DigestEntry> entries) {

    DigestPage {
        entries = List.copyOf(entries);
    }

    int maxReportCount() {
        return this.entries.isEmpty() ? 0 : this.entries.get(0).reportCount();
    }

    int reportCount() {
        return this.entries.stream().mapToInt(DigestEntry::reportCount).sum();
    }

}
