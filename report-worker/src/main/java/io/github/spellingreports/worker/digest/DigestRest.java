package io.github.spellingreports.worker.digest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The errors a digest counts but does not list in full ({@code spelling.digest.max-errors-in-full}): totals, and
 * the first pages by name; the console queue has them all.
 *
 * @param errorCount how many errors are summarised
 * @param pageCount on how many pages
 * @param newReportCount how many new reports they have
 * @param pages the most reported of those pages, at most {@code spelling.digest.summary-pages}
 */
record DigestRest(int errorCount, int pageCount, int newReportCount, List<Page> pages) {

    static final DigestRest NONE = new DigestRest(0, 0, 0, List.of());

    private static final Comparator<Page> MOST_REPORTED_PAGE_FIRST = Comparator.comparingInt(Page::maxReportCount)
            .reversed()
            .thenComparing(Comparator.comparingInt(Page::newReportCount).reversed())
            .thenComparing(Page::url);

    DigestRest {
        pages = List.copyOf(pages);
    }

    /**
     * @param errors the summarised errors, most reported first
     * @param namedPages how many pages to name
     */
    static DigestRest of(List<DigestRepository.Candidate> errors, int namedPages) {
        if (errors.isEmpty()) {
            return NONE;
        }
        Map<String, Page> byPage = new LinkedHashMap<>();
        for (DigestRepository.Candidate error : errors) {
            byPage.merge(error.pageUrl(), Page.of(error), Page::plus);
        }
        List<Page> pages = new ArrayList<>(byPage.values());
        pages.sort(MOST_REPORTED_PAGE_FIRST);
        return new DigestRest(errors.size(), pages.size(), errors.stream().mapToInt(DigestRepository.Candidate::newReports).sum(),
                pages.subList(0, Math.min(namedPages, pages.size())));
    }

    public boolean isEmpty() {
        return this.errorCount == 0;
    }

    /** @return how many pages are counted but not named */
    public int unnamedPageCount() {
        return this.pageCount - this.pages.size();
    }

    /**
     * One page of summarised errors.
     *
     * @param url canonical URL of the page
     * @param title its title, or its URL when no report carried one
     * @param errorCount summarised errors on it
     * @param newReportCount their new reports
     * @param maxReportCount report count of its most reported summarised error (orders the pages)
     */
    record Page(String url, String title, int errorCount, int newReportCount, int maxReportCount) {

        static Page of(DigestRepository.Candidate error) {
            String title = error.pageTitle();
            return new Page(error.pageUrl(), (title != null && !title.isBlank()) ? title.strip() : error.pageUrl(), 1,
                    error.newReports(), error.reportCount());
        }

        Page plus(Page other) {
            return new Page(this.url, this.title.equals(this.url) ? other.title : this.title,
                    this.errorCount + other.errorCount, this.newReportCount + other.newReportCount,
                    Math.max(this.maxReportCount, other.maxReportCount));
        }

    }

}
