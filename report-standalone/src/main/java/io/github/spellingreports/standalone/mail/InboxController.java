package io.github.spellingreports.standalone.mail;

import java.security.Principal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.github.spellingreports.worker.console.ConsoleUser;
import io.github.spellingreports.worker.console.MailFrame;
import io.github.spellingreports.worker.digest.DigestProperties;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * The local inbox's pages: the list of received mail, newest first, and one mail with its HTML
 * part shown as mailed (in a sandboxed frame, so nothing in a mail runs in the console's origin;
 * its links open new tabs).
 * They are console pages, with its layout and navigation.
 */
@Controller
@RequestMapping("/console/inbox")
class InboxController {

    private final LocalInbox inbox;

    private final String zone;

    InboxController(LocalInbox inbox, DigestProperties digest) {
        this.inbox = inbox;
        this.zone = digest.zone().getId();
    }

    /** The time zone the console shows its times in, the newsroom's ({@code spelling.digest.zone}). */
    @ModelAttribute("zone")
    String zone() {
        return this.zone;
    }

    /** The console layout's user, as the worker's console pages have it. */
    @ModelAttribute("currentUser")
    String currentUser(Principal principal) {
        return ConsoleUser.name(principal);
    }

    /** Whether the console layout shows the administrator's pages. */
    @ModelAttribute("isAdmin")
    boolean isAdmin(Principal principal) {
        return ConsoleUser.isAdmin(principal);
    }

    @GetMapping
    String list(Model model) {
        List<InboxMessage> messages = this.inbox.messages().stream()
                .sorted(Comparator.comparingInt(InboxMessage::number).reversed())
                .toList();
        model.addAttribute("messages", messages);
        model.addAttribute("smtpPort", this.inbox.port());
        model.addAttribute("maxMails", LocalInbox.MAX_MAILS);
        model.addAttribute("maxMegabytes", LocalInbox.MAX_BYTES / (1024 * 1024));
        return "standalone/inbox";
    }

    @GetMapping("/{number}")
    ModelAndView message(@PathVariable int number) {
        return this.inbox.message(number)
                .map((message) -> new ModelAndView("standalone/inbox-message", Map.of("message", message)))
                .orElseGet(() -> problem(HttpStatus.NOT_FOUND, "Not found", "There is no message " + number
                        + " in the inbox. It keeps the newest mail in memory only: older mail goes as new mail arrives, "
                        + "and a restart of the standalone empties it."));
    }

    /** A message number that is not a number: a page, like the rest of the console's, not a problem detail. */
    @ExceptionHandler
    ModelAndView notANumber(MethodArgumentTypeMismatchException ex, Principal principal) {
        // an exception handler's page gets no @ModelAttribute values: the layout's are added here
        ModelAndView page = problem(HttpStatus.BAD_REQUEST, "Bad request",
                "\"" + ex.getValue() + "\" is not a message number.");
        page.addObject("currentUser", currentUser(principal));
        page.addObject("isAdmin", isAdmin(principal));
        page.addObject("localInbox", true);
        return page;
    }

    private static ModelAndView problem(HttpStatus status, String title, String detail) {
        return new ModelAndView("standalone/inbox-problem", Map.of("title", title, "detail", detail), status);
    }

    /**
     * The HTML part as mailed, for the message page's sandboxed frame: no script, no request
     * anywhere, links opening new tabs, framable by the console alone (see {@link MailFrame}, the
     * digest archive's too).
     */
    @GetMapping("/{number}/html")
    ResponseEntity<String> html(@PathVariable int number) {
        return MailFrame.response(this.inbox.message(number).map(InboxMessage::html));
    }

}
