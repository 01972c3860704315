package io.github.spellingreports.worker.digest;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The digest's subject template: figures with thousands separators, and the word after a figure in
 * the form its number takes (one or other; one, few or many for Russian and the like).
 */
class SubjectLineTests {

    private static final String ENGLISH = "Spelling reports, {date}: {errors} {errors:error|errors}, {reports} new {reports:report|reports}";

    private static final String RUSSIAN = "Опечатки, {date}: {errors} {errors:ошибка|ошибки|ошибок}, {reports} {reports:сообщение|сообщения|сообщений}";

    @Test
    void englishTakesOneOrOther() {
        assertThat(render(ENGLISH, 1, 1)).isEqualTo("Spelling reports, Friday 4 December 2026: 1 error, 1 new report");
        assertThat(render(ENGLISH, 3, 5)).isEqualTo("Spelling reports, Friday 4 December 2026: 3 errors, 5 new reports");
        assertThat(render(ENGLISH, 0, 0)).isEqualTo("Spelling reports, Friday 4 December 2026: 0 errors, 0 new reports");
        assertThat(render(ENGLISH, 32_805, 1_032_818))
                .isEqualTo("Spelling reports, Friday 4 December 2026: 32,805 errors, 1,032,818 new reports");
    }

    @Test
    void threeFormsFollowRussiansRules() {
        assertThat(render(RUSSIAN, 1, 21)).endsWith(": 1 ошибка, 21 сообщение");
        assertThat(render(RUSSIAN, 2, 24)).endsWith(": 2 ошибки, 24 сообщения");
        assertThat(render(RUSSIAN, 5, 11)).endsWith(": 5 ошибок, 11 сообщений");
        assertThat(render(RUSSIAN, 12, 111)).endsWith(": 12 ошибок, 111 сообщений");
        assertThat(render(RUSSIAN, 0, 1_001)).endsWith(": 0 ошибок, 1,001 сообщение");
    }

    @Test
    void aTemplateWithoutChoicesKeepsItsWordsAndOnlyTheFiguresChange() {
        assertThat(render("Spelling reports, {date}: errors {errors}, new reports {reports} ({desk})", 3, 5))
                .isEqualTo("Spelling reports, Friday 4 December 2026: errors 3, new reports 5 (sport)");
    }

    @Test
    void choicesOfTwoOrThreeFormsAreTheOnlyOnes() {
        assertThat(SubjectLine.problem(ENGLISH)).isEmpty();
        assertThat(SubjectLine.problem(RUSSIAN)).isEmpty();
        assertThat(SubjectLine.problem("{errors:error}")).hasValue("{errors:error}");
        assertThat(SubjectLine.problem("{reports:a|b|c|d} {errors:error|errors}")).hasValue("{reports:a|b|c|d}");
        assertThat(SubjectLine.problem("{pages:page|pages}")).hasValue("{pages:page|pages}");
    }

    private static String render(String template, int errors, int reports) {
        return SubjectLine.render(template, Map.of("errors", errors, "reports", reports),
                Map.of("date", "Friday 4 December 2026", "desk", "sport"));
    }

}
