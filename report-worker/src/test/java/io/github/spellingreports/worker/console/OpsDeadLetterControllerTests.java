package io.github.spellingreports.worker.console;

import java.security.Principal;

import io.github.spellingreports.worker.deadletter.DeadLetterService;
import org.junit.jupiter.api.Test;

import org.springframework.ui.ExtendedModelMap;
import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** What the page says when Kafka or the database fails under it (the happy paths: OpsConsoleIntegrationTests). */
class OpsDeadLetterControllerTests {

    private final DeadLetterService deadLetters = mock(DeadLetterService.class);

    private final OpsDeadLetterController controller = new OpsDeadLetterController(this.deadLetters);

    private final Principal admin = () -> "admin";

    /** "Replay all" that fails midway has replayed the letters before: it said "nothing was changed". */
    @Test
    void replayAllThatFailsMidwayDoesNotClaimNothingChanged() {
        given(this.deadLetters.replayAll(anyString())).willThrow(new IllegalStateException("timed out"));
        RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

        this.controller.replayAll(false, this.admin, redirect);

        assertThat(redirect.getFlashAttributes().get("problem")).isEqualTo("Replay all stopped: Kafka or the database "
                + "did not answer in time. Letters before that may have been replayed (Show handled lists them); "
                + "try again for the others.");
    }

    /** A list that could not be read is not an empty topic: the page said both. */
    @Test
    void aListThatCouldNotBeReadIsNotEmpty() {
        given(this.deadLetters.list(anyBoolean())).willThrow(new IllegalStateException("timed out"));
        ExtendedModelMap model = new ExtendedModelMap();

        this.controller.list(false, model);

        assertThat(model.getAttribute("problem"))
                .isEqualTo("The dead-letter topic could not be read: Kafka or the database did not answer in time.");
        assertThat(model.getAttribute("unreadable")).isEqualTo(true);
    }

}
