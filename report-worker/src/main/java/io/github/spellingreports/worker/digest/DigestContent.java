package io.github.spellingreports.worker.digest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one digest covers: the errors listed in full grouped by page, pages ordered by their most reported error,
 * and the rest summarised.
 *
 * @param pages the pages of the errors listed in full, most reported first
 * @param errorCount how many errors the digest covers, in full or summarised
 * @param pageCount on how many pages
 * @param newReportCount how many reports arrived since the previous digest
 * @param rest the errors counted but not listed in full
 */
record DigestContent(List<DigestPage> pages, int errorCount, int pageCount, int newReportCount, DigestRest rest) {

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
        return of(entries, DigestRest.NONE, (int) entries.stream().map(DigestEntry::pageUrl).distinct().count());
    }

    /**
     * @param entries the errors listed in full, in any order
     * @param rest the errors summarised
     * @param pageCount on how many distinct pages all of them are
     * @return as {@link #of(List)}, with the rest
     */
    static DigestContent of(List<DigestEntry> entries, DigestRest rest, int pageCount) {
        Map<String, List<DigestEntry>> byPage = new LinkedHashMap<>();
        entries.stream().sorted(MOST_REPORTED_FIRST)
                .forEach((entry) -> byPage.computeIfAbsent(entry.pageUrl(), (url) -> new ArrayList<>()).add(entry));
        List<DigestPage> pages = byPage.entrySet().stream()
                .map((page) -> new DigestPage(page.getKey(), title(page.getKey(), page.getValue()), page.getValue()))
                .sorted(MOST_REPORTED_PAGE_FIRST)
                .toList();
        return new DigestContent(pages, entries.size() + rest.errorCount(), pageCount,
                entries.stream().mapToInt(DigestEntry::newReports).sum() + rest.newReportCount(), rest);
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
