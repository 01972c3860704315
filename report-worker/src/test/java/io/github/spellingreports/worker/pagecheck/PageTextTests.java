package io.github.spellingreports.worker.pagecheck;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageTextTests {

    @Test
    void selectionReplacedInItsContextIsCorrected() {
        assertThat(PageText.corrected("Flights to Kazakhstan on Monday", "Flights to ", "Kazakstan", " on Monday")).isTrue();
    }

    @Test
    void selectionStillInItsContextAcrossWhiteSpaceAndMarkupIsNotCorrected() {
        assertThat(PageText.corrected("Flights  to\u00a0Kazakstan\n on Monday", "Flights to ", "Kazakstan", " on Monday")).isFalse();
    }

    @Test
    void selectionInCapitalsOfAHeadingStillOnThePageIsNotCorrected() {
        // a heading in capitals by CSS (text-transform): the browser gives the selection so, the
        // page's text has the case it was written in
        assertThat(PageText.corrected("Flights to Kazakstan on Monday", "Flights to ", "KAZAKSTAN", " on Monday")).isFalse();
        assertThat(PageText.corrected("Flights to Kazakstan on Monday, from Almaty", "FLIGHTS TO ", "KAZAKSTAN",
                " ON MONDAY")).isFalse();
        assertThat(PageText.corrected("Flights to Kazakhstan on Monday", "Flights to ", "KAZAKSTAN", " on Monday")).isTrue();
    }

    @Test
    void pageWithoutTheContextProvesNothing() {
        assertThat(PageText.corrected("Please enable JavaScript", "Flights to ", "Kazakstan", " on Monday")).isFalse();
    }

}
