package io.github.spellingreports.worker.console;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * The login page (Spring Security handles its POST), the logout address typed into a browser, and
 * the page for a forbidden console page.
 */
@Controller
class LoginController {

    @GetMapping("/console/login")
    String login() {
        return "console/login";
    }

    /** Logging out is a POST with the CSRF token (Spring Security's): the address opened as a page asks. */
    @GetMapping("/console/logout")
    String logout() {
        return "console/logout";
    }

    // any method: Spring Security forwards the original request here
    @RequestMapping("/console/denied")
    @ResponseStatus(HttpStatus.FORBIDDEN)
    String denied() {
        return "console/denied";
    }

}
