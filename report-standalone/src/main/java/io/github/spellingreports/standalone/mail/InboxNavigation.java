package io.github.spellingreports.standalone.mail;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * Puts the local inbox into the console's navigation, on the worker's console pages and the
 * inbox's own: the console layout shows its link when {@code localInbox} is set. Registered only
 * with the inbox ({@link InboxConfiguration}), so a worker, or a standalone that mails through
 * another SMTP server, shows no such link.
 */
@ControllerAdvice(basePackages = { "io.github.spellingreports.worker.console", "io.github.spellingreports.standalone.mail" })
class InboxNavigation {

    @ModelAttribute("localInbox")
    boolean localInbox() {
        return true;
    }

}
