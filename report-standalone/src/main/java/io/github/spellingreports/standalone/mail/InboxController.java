package io.github.spellingreports.standalone.mail;

import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * The local inbox's pages: the list of received mail, newest first, and one mail with its HTML
 * part shown as mailed (in a sandboxed frame, so nothing in a mail runs in the console's origin).
 */
@Controller
@RequestMapping("/console/inbox")
class InboxController {

    private static final String MAIL_CSP = "sandbox; default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
            + "frame-ancestors 'self'";

    private final LocalInbox inbox;

    InboxController(LocalInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping
    String list(Model model) {
        List<InboxMessage> messages = this.inbox.messages().stream()
                .sorted(Comparator.comparingInt(InboxMessage::number).reversed())
                .toList();
        model.addAttribute("messages", messages);
        model.addAttribute("smtpPort", this.inbox.port());
        return "standalone/inbox";
    }

    @GetMapping("/{number}")
    String message(@PathVariable int number, Model model) {
        InboxMessage message = this.inbox.message(number)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No message " + number));
        model.addAttribute("message", message);
        return "standalone/inbox-message";
    }

    /**
     * The HTML part exactly as mailed, for the message page's sandboxed frame: no script, no
     * request anywhere, framable by the console alone (like the digest archive's stored mails).
     */
    @GetMapping("/{number}/html")
    ResponseEntity<String> html(@PathVariable int number) {
        return this.inbox.message(number)
                .filter((message) -> message.html() != null && !message.html().isEmpty())
                .map((message) -> ResponseEntity.ok()
                        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
                        .header("Content-Security-Policy", MAIL_CSP)
                        .header(HttpHeaders.CACHE_CONTROL, "no-store")
                        .body(message.html()))
                .orElseGet(() -> ResponseEntity.notFound().build());
    }

}
