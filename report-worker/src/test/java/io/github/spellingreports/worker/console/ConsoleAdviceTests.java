package io.github.spellingreports.worker.console;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.servlet.ModelAndView;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a console page shows when its request fails with something other than a bad parameter.
 */
class ConsoleAdviceTests {

    private final ConsoleAdvice advice = new ConsoleAdvice();

    private final UsernamePasswordAuthenticationToken editor = UsernamePasswordAuthenticationToken.authenticated("ed",
            null, List.of(new SimpleGrantedAuthority("ROLE_EDITOR")));

    @Test
    void databaseOutageIsA503PageThatAsksToComeBack() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ModelAndView page = this.advice.failed(new CannotGetJdbcConnectionException("Connection refused"), this.editor,
                response);
        assertThat(page.getStatus()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(page.getViewName()).isEqualTo("console/problem");
        assertThat(page.getModel()).containsEntry("title", "Database unavailable").containsEntry("currentUser", "ed")
                .containsEntry("isAdmin", false);
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isEqualTo("10");
    }

    @Test
    void springMvcErrorKeepsItsStatusAndDetail() {
        MockHttpServletResponse response = new MockHttpServletResponse();
        ModelAndView page = this.advice.failed(
                new HttpMediaTypeNotSupportedException(MediaType.APPLICATION_JSON, List.of(MediaType.APPLICATION_FORM_URLENCODED)),
                this.editor, response);
        assertThat(page.getStatus()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        assertThat(page.getModel()).containsEntry("title", "Unsupported Media Type")
                .containsEntry("message", "Content-Type 'application/json' is not supported.");
        assertThat(response.getHeader(HttpHeaders.RETRY_AFTER)).isNull();
    }

    @Test
    void anythingElseIsA500PageWithoutDetails() {
        ModelAndView page = this.advice.failed(new IllegalStateException("secret internals"), null,
                new MockHttpServletResponse());
        assertThat(page.getStatus()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(page.getModel()).containsEntry("title", "Something went wrong").containsEntry("currentUser", null);
        assertThat(page.getModel().values()).noneMatch((value) -> String.valueOf(value).contains("secret internals"));
    }

}
