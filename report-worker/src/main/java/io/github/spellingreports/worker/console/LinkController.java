package io.github.spellingreports.worker.console;

import java.time.Instant;

import io.github.spellingreports.worker.queue.InvalidTransitionException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The one-click links of digest and alert mails, usable without logging in. Opening one (GET, which mail
 * scanners do too) only shows a confirmation; the button's POST acts. Bad links get a page
 * saying what is wrong, never an error.
 */
@Controller
@RequestMapping("/console/links/{id}/{action}")
class LinkController {

    private final LinkActions actions;

    LinkController(LinkActions actions) {
        this.actions = actions;
    }

    @GetMapping
    ModelAndView confirm(@PathVariable String id, @PathVariable String action,
            @RequestParam(defaultValue = "") String expires, @RequestParam(defaultValue = "") String sig) {
        return page(parse(id, action, expires, sig, false));
    }

    @PostMapping
    ModelAndView act(@PathVariable String id, @PathVariable String action,
            @RequestParam(defaultValue = "") String expires, @RequestParam(defaultValue = "") String sig) {
        try {
            return page(parse(id, action, expires, sig, true));
        }
        catch (InvalidTransitionException ex) {
            // someone changed the error between the check and the update
            return page(new LinkActions.Check(LinkActions.Outcome.ALREADY_SETTLED, null, null));
        }
    }

    private LinkActions.Check parse(String id, String action, String expires, String sig, boolean act) {
        long errorId;
        long expiresAt;
        try {
            errorId = Long.parseLong(id);
            expiresAt = Long.parseLong(expires);
        }
        catch (NumberFormatException ex) {
            return new LinkActions.Check(LinkActions.Outcome.TAMPERED, null, null);
        }
        if (expiresAt < 0 || expiresAt > Instant.MAX.getEpochSecond()) {
            // no link of ours expires then (and no instant is that late: it was the 500 page, with a stack trace logged)
            return new LinkActions.Check(LinkActions.Outcome.TAMPERED, null, null);
        }
        return act ? this.actions.act(errorId, action, expiresAt, sig) : this.actions.check(errorId, action, expiresAt, sig);
    }

    private static ModelAndView page(LinkActions.Check check) {
        ModelAndView page = new ModelAndView("console/link");
        page.addObject("outcome", check.outcome().name());
        page.addObject("link", check.link());
        page.addObject("error", check.error());
        page.setStatus(switch (check.outcome()) {
            case VALID, DONE, USED_AND_DONE -> HttpStatus.OK;
            case GONE -> HttpStatus.NOT_FOUND;
            case TAMPERED -> HttpStatus.BAD_REQUEST;
            case EXPIRED, USED, ALREADY_SETTLED, CHANGED_SINCE -> HttpStatus.CONFLICT;
        });
        return page;
    }

}
