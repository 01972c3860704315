package io.github.spellingreports.worker.digest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one digest lists: the errors grouped by page, pages ordered by their most reported error.
 *
 * @param pages the pages, most reported first
 * @param errorCount how many errors are listed
 * @param newReportCount how many reports arrived since the previous digest
 */
record DigestContent(List<DigestPage> pages, int errorCount, int newReportCount) {

    private static final Comparator<DigestEntry> MOST_REPORTED_FIRST = Comparator
            .comparingInt(DigestEntry::reportCount).reversed()
            .thenComparing(Comparator.comparingInt(DigestEntry::newReports).reversed())
            .thenComparingLong(DigestEntry::errorId);

    private static final Comparator<DigestPage> MOST_REPORTED_PAGE_FIRST = Comparator
            .comparingInt(DigestPage::maxReportCount).reversed()
            .thenComparing(Comparator.comparingInt(DigestPage::reportCount).reversed())
            .thenComparing(DigestPage::url);

    DigestContent {
        pages = List.copyOf(pages);
    }

    /**
     * @param entries the errors in any order
     * @return the errors grouped by page (title: the first one that has a title, else the URL),
     *         pages ordered by their most reported error, errors most reported first
     */
    static DigestContent of(List<DigestEntry> entries) {
        Map<String, List<DigestEntry>> byPage = new LinkedHashMap<>();
        entries.stream().sorted(MOST_REPORTED_FIRST)
                .forEach((entry) -> byPage.computeIfAbsent(entry.pageUrl(), (url) -> new ArrayList<>()).add(entry));
        List<DigestPage> pages = byPage.entrySet().stream()
                .map((page) -> new DigestPage(page.getKey(), title(page.getKey(), page.getValue()), page.getValue()))
                .sorted(MOST_REPORTED_PAGE_FIRST)
                .toList();
        return new DigestContent(pages, entries.size(), entries.stream().mapToInt(DigestEntry::newReports).sum());
    }

    boolean isEmpty() {
        return this.errorCount == 0;
    }

    private static String title(String url, List<DigestEntry> entries) {
        return entries.stream().map(DigestEntry::pageTitle)
                .filter((title) -> title != null && !title.isBlank())
                .map(String::strip)
                .findFirst().orElse(url);
    }

}
