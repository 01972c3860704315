package io.github.spellingreports.worker.console;

import java.time.Duration;
import java.time.Instant;

import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.github.spellingreports.worker.queue.ErrorStatus;
import io.github.spellingreports.worker.queue.Moderation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * One-click digest links without a login: GET only confirms, POST acts once; forged, expired and
 * replayed links get a page that says so and change nothing.
 */
class ActionLinkIntegrationTests extends WorkerIntegrationTestSupport {

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ActionLinks links;

    @Autowired
    Moderation moderation;

    MockMvc mvc;

    ConsoleTestData data;

    @BeforeEach
    void setUp() {
        this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
        this.data = new ConsoleTestData(this.jdbc);
    }

    @Test
    void openingALinkOnlyConfirmsAndItsPostActsViaDigestLink() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "<b>bronw</b>", " fox", null);
        String url = path(this.links.fixed(id));

        this.mvc.perform(get(url)).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-outcome=\"VALID\"")))
                .andExpect(content().string(containsString("&lt;b&gt;bronw&lt;/b&gt;")));
        this.mvc.perform(get(url)).andExpect(status().isOk());
        assertThat(this.data.status(id)).isEqualTo("NEW");

        this.mvc.perform(post(url).with(csrf())).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-outcome=\"DONE\"")));
        assertThat(this.data.status(id)).isEqualTo("FIXED");
        assertThat(this.moderation.history(id)).singleElement().satisfies((change) -> {
            assertThat(change.via()).isEqualTo("via digest link");
            assertThat(change.changedBy()).isEqualTo(LinkActions.ACTOR);
        });
    }

    /**
     * The same link pressed again (a reload of its answer, a double tap on a phone, the browser
     * restoring the tab) says the error is as it asked, not that the press failed.
     */
    @Test
    void linkPressedAgainSaysTheErrorIsAsItAsked() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "bronw", " fox", null);
        String url = path(this.links.fixed(id));
        expectOutcome(this.mvc.perform(post(url).with(csrf())), "DONE");

        String again = this.mvc.perform(post(url).with(csrf())).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(again).contains("data-outcome=\"USED_AND_DONE\"")
                .contains("This link has been used already (it works once), and the error is FIXED: nothing more to do.");
        this.mvc.perform(get(url)).andExpect(status().isOk())
                .andExpect(content().string(containsString("data-outcome=\"USED_AND_DONE\"")));
        assertThat(this.moderation.history(id)).hasSize(1);
    }

    @Test
    void replayedLinkIsRefused() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "bronw", " fox", null);
        String url = path(this.links.dismiss(id));
        this.mvc.perform(post(url).with(csrf())).andExpect(status().isOk());
        this.moderation.change(id, io.github.spellingreports.worker.queue.ErrorStatus.NEW, "ed", Moderation.Via.CONSOLE, "oops");

        expectOutcome(this.mvc.perform(post(url).with(csrf())), "USED");
        expectOutcome(this.mvc.perform(get(url)), "USED");
        assertThat(this.data.status(id)).isEqualTo("NEW");
    }

    @Test
    void forgedLinksAreRefused() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "bronw", " fox", null);
        long other = this.data.error(ConsoleTestData.uniquePage(), "The ", "quikc", " fox", null);
        String url = path(this.links.dismiss(id));

        expectOutcome(this.mvc.perform(post(url.replace("/" + id + "/", "/" + other + "/")).with(csrf())), "TAMPERED");
        expectOutcome(this.mvc.perform(post(url.replace("/dismiss?", "/fixed?")).with(csrf())), "TAMPERED");
        expectOutcome(this.mvc.perform(post(url.replaceFirst("expires=\\d+", "expires=99999999999")).with(csrf())), "TAMPERED");
        // later than any instant: was the 500 page, with a stack trace in the log
        expectOutcome(this.mvc.perform(get(url.replaceFirst("expires=\\d+", "expires=99999999999999999"))), "TAMPERED");
        expectOutcome(this.mvc.perform(get(url.replaceFirst("expires=\\d+", "expires=-99999999999999999"))), "TAMPERED");
        expectOutcome(this.mvc.perform(post(url.substring(0, url.length() - 3)).with(csrf())), "TAMPERED");
        expectOutcome(this.mvc.perform(get("/console/links/" + id + "/spam?expires=1&sig=x")), "TAMPERED");
        expectOutcome(this.mvc.perform(get("/console/links/abc/fixed")), "TAMPERED");
        assertThat(this.data.status(id)).isEqualTo("NEW");
        assertThat(this.data.status(other)).isEqualTo("NEW");
    }

    @Test
    void expiredLinkIsRefused() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "bronw", " fox", null);
        String url = path(this.links.url(this.links.sign(id, ActionLink.Action.FIXED,
                Instant.now().minus(Duration.ofMinutes(1)))));

        expectOutcome(this.mvc.perform(get(url)), "EXPIRED");
        expectOutcome(this.mvc.perform(post(url).with(csrf())), "EXPIRED");
        assertThat(this.data.status(id)).isEqualTo("NEW");
    }

    @Test
    void linkToAnErrorSettledMeanwhileSaysSo() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "bronw", " fox", null);
        String url = path(this.links.dismiss(id));
        this.moderation.change(id, io.github.spellingreports.worker.queue.ErrorStatus.FIXED, "ed", Moderation.Via.CONSOLE, null);

        expectOutcome(this.mvc.perform(post(url).with(csrf())), "ALREADY_SETTLED");
        assertThat(this.data.status(id)).isEqualTo("FIXED");
    }

    /**
     * A mail's link, unused, to an error that was fixed and then reported again (or reopened by an
     * editor) after the mail went out: it dismissed the error, settling the new reports nobody had
     * seen (and the "reported again after fix" flag with them).
     */
    @Test
    void linkToAnErrorOpenAgainSinceTheMailChangesNothing() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "bronw", " fox", null);
        String url = path(this.links.url(this.links.sign(id, ActionLink.Action.DISMISS,
                Instant.now().plus(Duration.ofDays(14)).minusSeconds(5))));
        this.moderation.change(id, ErrorStatus.FIXED, "ed", Moderation.Via.CONSOLE, null);
        this.moderation.change(id, ErrorStatus.NEW, "ed", Moderation.Via.CONSOLE, "reported again");

        expectOutcome(this.mvc.perform(get(url)), "CHANGED_SINCE");
        this.mvc.perform(post(url).with(csrf())).andExpect(status().isConflict())
                .andExpect(content().string(containsString("data-outcome=\"CHANGED_SINCE\"")))
                .andExpect(content().string(containsString("the error changed")));
        assertThat(this.data.status(id)).isEqualTo("NEW");
        assertThat(this.moderation.history(id)).hasSize(2);
        // a link of a mail sent after the reopening works
        expectOutcome(this.mvc.perform(post(path(this.links.dismiss(id))).with(csrf())), "DONE");
    }

    /**
     * A POST without the form's token, or with one of a session that has ended (the confirmation
     * page left open overnight), changes nothing and opens the confirmation page again, where the
     * button works: a link needs no login, so the login page would be the wrong answer.
     */
    @Test
    void postWithoutAWorkingCsrfTokenChangesNothingAndOpensTheConfirmationAgain() throws Exception {
        long id = this.data.error(ConsoleTestData.uniquePage(), "The ", "bronw", " fox", null);
        String url = path(this.links.fixed(id));
        this.mvc.perform(post(url)).andExpect(status().isFound()).andExpect(redirectedUrl(url + "&again"));
        this.mvc.perform(post(url).param("_csrf", "token-of-an-ended-session").with((request) -> {
            request.setRequestedSessionId("ended-overnight");
            request.setRequestedSessionIdValid(false);
            return request;
        })).andExpect(status().isFound()).andExpect(redirectedUrl(url + "&again"));
        assertThat(this.data.status(id)).isEqualTo("NEW");
        expectOutcome(this.mvc.perform(get(url + "&again")), "VALID");
        this.mvc.perform(get(url + "&again")).andExpect(content().string(containsString("press the button again")));
        this.mvc.perform(get(url)).andExpect(content().string(not(containsString("press the button again"))));
    }

    private static void expectOutcome(ResultActions result, String outcome) throws Exception {
        result.andExpect(content().string(containsString("data-outcome=\"" + outcome + "\"")))
                .andExpect(content().contentTypeCompatibleWith("text/html"));
    }

    /** The link without its console base URL, for MockMvc. */
    private static String path(String url) {
        return url.substring(url.indexOf("/console/"));
    }

}
