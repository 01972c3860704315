package io.github.spellingreports.worker.queue;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorStatusTests {

    @Test
    void newErrorsAreSettledAndSettledOnesOnlyReopened() {
        assertThat(ErrorStatus.NEW.canChangeTo(ErrorStatus.FIXED)).isTrue();
        assertThat(ErrorStatus.NEW.canChangeTo(ErrorStatus.DISMISSED)).isTrue();
        assertThat(ErrorStatus.NEW.canChangeTo(ErrorStatus.SPAM)).isTrue();
        assertThat(ErrorStatus.NEW.canChangeTo(ErrorStatus.NEW)).isFalse();
        for (ErrorStatus settled : new ErrorStatus[] { ErrorStatus.FIXED, ErrorStatus.DISMISSED, ErrorStatus.SPAM }) {
            assertThat(settled.canChangeTo(ErrorStatus.NEW)).isTrue();
            assertThat(settled.canChangeTo(ErrorStatus.FIXED)).isFalse();
            assertThat(settled.canChangeTo(ErrorStatus.DISMISSED)).isFalse();
            assertThat(settled.canChangeTo(ErrorStatus.SPAM)).isFalse();
        }
    }

    @Test
    void searchTextIsMatchedLiterally() {
        assertThat(ErrorQueue.likeEscape("50%_off\\")).isEqualTo("50\\%\\_off\\\\");
    }

}
