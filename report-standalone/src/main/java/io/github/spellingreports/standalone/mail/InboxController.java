package io.github.spellingreports.standalone.mail;

import java.util.Comparator;
import java.util.List;

import org.springframework.http.HttpStatus;
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
@RequestMapping("/inbox")
class InboxController {

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

}
