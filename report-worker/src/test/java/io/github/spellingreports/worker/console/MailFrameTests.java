package io.github.spellingreports.worker.console;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import static org.assertj.core.api.Assertions.assertThat;

class MailFrameTests {

    private static final String LINKS = MailFrame.LINKS_IN_NEW_TABS;

    @Test
    void linksOpenNewTabsFromTheFirstPlaceOfTheHead() {
        assertThat(MailFrame.linksInNewTabs("<!DOCTYPE html><html lang=\"en\"><HEAD lang=\"en\"><base target=\"_self\"><title>x</title></head>"
                + "<body><header>h</header></body></html>"))
                .isEqualTo("<!DOCTYPE html><html lang=\"en\"><HEAD lang=\"en\">" + LINKS
                        + "<base target=\"_self\"><title>x</title></head><body><header>h</header></body></html>");
    }

    @Test
    void aMailWithoutAHeadTagGetsThemAfterItsDoctypeSoThatItIsNotDrawnInQuirksMode() {
        assertThat(MailFrame.linksInNewTabs("  <!doctype html>\n<html><body><header>h</header><p>x</p></body></html>"))
                .isEqualTo("  <!doctype html>" + LINKS + "\n<html><body><header>h</header><p>x</p></body></html>");
    }

    @Test
    void aFragmentGetsThemFirst() {
        assertThat(MailFrame.linksInNewTabs("<p>Recieve <a href=\"https://news.example/\">here</a></p>"))
                .isEqualTo(LINKS + "<p>Recieve <a href=\"https://news.example/\">here</a></p>");
    }

    @Test
    void theFrameIsSandboxedWithItsLinksAllowedToOpenOrdinaryTabs() {
        ResponseEntity<String> response = MailFrame.response(Optional.of("<p>x</p>"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(response.getHeaders().getFirst("Content-Security-Policy"))
                .startsWith("sandbox allow-popups allow-popups-to-escape-sandbox; default-src 'none';");
        assertThat(response.getHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
        assertThat(response.getHeaders().getCacheControl()).isEqualTo("no-store");
        assertThat(MailFrame.response(Optional.of("")).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(MailFrame.response(Optional.empty()).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    /** Its address opened by itself (a bookmark, a mistyped id) said nothing at all. */
    @Test
    void noMailIsAPageThatSaysSoInTheFramesPolicy() {
        ResponseEntity<String> response = MailFrame.response(Optional.empty());

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(response.getHeaders().getContentType()).hasToString("text/html;charset=UTF-8");
        assertThat(response.getHeaders().getFirst("Content-Security-Policy")).isEqualTo(MailFrame.CSP);
        assertThat(response.getBody()).startsWith("<!doctype html>").contains("<title>Not found</title>")
                .contains("<p>There is no such mail here.</p>");
    }

}
