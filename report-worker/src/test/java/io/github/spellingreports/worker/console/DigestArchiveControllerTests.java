package io.github.spellingreports.worker.console;

import io.github.spellingreports.worker.digest.DigestService;
import io.github.spellingreports.worker.digest.NoRecipientsException;
import org.junit.jupiter.api.Test;

import org.springframework.web.servlet.mvc.support.RedirectAttributesModelMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

class DigestArchiveControllerTests {

    /**
     * A worker without scheduled digests may have no recipients: "Build and send a digest now" then
     * answered the console's 500 page ("Something went wrong"), where the API says 409 and why.
     */
    @Test
    void sendingWithoutRecipientsSaysSo() {
        DigestService digests = mock(DigestService.class);
        given(digests.buildAndSendAll(null)).willThrow(new NoRecipientsException());
        DigestArchiveController controller = new DigestArchiveController(null, digests, null);
        RedirectAttributesModelMap redirect = new RedirectAttributesModelMap();

        assertThat(controller.send(redirect)).isEqualTo("redirect:/console/digests");
        assertThat(redirect.getFlashAttributes().get("problem"))
                .isEqualTo("No digest recipients are configured (spelling.digest.recipients): none was sent.");
    }

}
