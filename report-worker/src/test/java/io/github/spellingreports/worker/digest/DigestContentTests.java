package io.github.spellingreports.worker.digest;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DigestContentTests {

    @Test
    void groupsByPageAndOrdersPagesByTheirMostReportedError() {
        DigestContent content = DigestContent.of(List.of(
                entry(1, "https://a.example/one", "One", 2, 2),
                entry(2, "https://a.example/two", "Two", 5, 1),
                entry(3, "https://a.example/one", "One", 3, 3),
                entry(4, "https://a.example/three", null, 1, 1)));

        assertThat(content.pages()).extracting(DigestPage::url)
                .containsExactly("https://a.example/two", "https://a.example/one", "https://a.example/three");
        assertThat(content.pages().get(1).entries()).extracting(DigestEntry::errorId).containsExactly(3L, 1L);
        assertThat(content.errorCount()).isEqualTo(4);
        assertThat(content.newReportCount()).isEqualTo(7);
    }

    @Test
    void untitledPageIsShownByItsUrl() {
        DigestContent content = DigestContent.of(List.of(entry(1, "https://a.example/x", " ", 1, 1),
                entry(2, "https://a.example/y", "Why", 1, 1)));
        assertThat(content.pages()).extracting(DigestPage::title).containsExactly("https://a.example/x", "Why");
    }

    @Test
    void pageTitleComesFromAnyErrorThatHasOne() {
        DigestContent content = DigestContent.of(List.of(entry(1, "https://a.example/x", null, 4, 1),
                entry(2, "https://a.example/x", "Headline", 1, 1)));
        assertThat(content.pages()).singleElement().extracting(DigestPage::title).isEqualTo("Headline");
    }

    @Test
    void equalCountsPreferMoreNewReportsThenOlderErrors() {
        DigestContent content = DigestContent.of(List.of(entry(3, "https://a.example/x", "X", 2, 1),
                entry(2, "https://a.example/x", "X", 2, 2), entry(1, "https://a.example/x", "X", 2, 1)));
        assertThat(content.pages().get(0).entries()).extracting(DigestEntry::errorId).containsExactly(2L, 1L, 3L);
    }

    @Test
    void longContextIsCutAtAWordWithAnEllipsis() {
        DigestEntry entry = DigestEntry.of(1, "https://a.example/x", null, "word ".repeat(30), "typo",
                " next".repeat(30), 1, 1, List.of());
        assertThat(entry.contextBefore()).startsWith("\u2026word").hasSizeLessThanOrEqualTo(DigestEntry.SHOWN_CONTEXT + 1);
        assertThat(entry.contextAfter()).startsWith(" next").endsWith("next\u2026");
        assertThat(entry.link()).contains("word%20word%20word-,typo,-next%20next%20next");
    }

    private static DigestEntry entry(long id, String url, String title, int reports, int newReports) {
        return DigestEntry.of(id, url, title, "before ", "typo" + id, " after", reports, newReports, List.of());
    }

}
