package io.github.spellingreports.worker.console;

import java.security.Principal;
import java.util.Optional;

import io.github.spellingreports.worker.queue.ErrorQueue;
import io.github.spellingreports.worker.queue.ErrorStatus;
import io.github.spellingreports.worker.queue.InvalidTransitionException;
import io.github.spellingreports.worker.queue.Moderation;
import io.github.spellingreports.worker.queue.QueuedError;
import io.github.spellingreports.worker.queue.WithoutNul;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One error: how readers selected it (its variants), its reports, its audit trail and the status actions.
 */
@Controller
class ErrorPageController {

    /** Reports listed per page of an error's reports. */
    static final int REPORTS_PER_PAGE = 100;

    private final ErrorQueue queue;

    private final Moderation moderation;

    ErrorPageController(ErrorQueue queue, Moderation moderation) {
        this.queue = queue;
        this.moderation = moderation;
    }

    @GetMapping("/console/errors/{id}")
    ModelAndView error(@PathVariable long id, @RequestParam(name = "page", defaultValue = "0") int reportsPage,
            @RequestParam(defaultValue = "") String back) {
        Optional<QueuedError> error = this.queue.findById(id);
        if (error.isEmpty()) {
            return notFound(id);
        }
        ModelAndView page = new ModelAndView("console/error");
        page.addObject("error", error.get());
        page.addObject("textLink", QueueController.textLink(error.get()));
        page.addObject("variants", this.queue.variants(id));
        var reports = this.queue.reports(id, Math.min(Math.max(reportsPage, 0), 1_000_000), REPORTS_PER_PAGE);
        if (reports.content().isEmpty() && reports.page() > 0) {
            // past the end (an old link, reports deleted by the retention job since): the last page there is
            reports = this.queue.reports(id, Math.max(reports.totalPages() - 1, 0), REPORTS_PER_PAGE);
        }
        page.addObject("reports", reports);
        page.addObject("history", this.moderation.history(id));
        page.addObject("actions", QueueController.actions(error.get().status()));
        // the queue as the editor left it, for the way back (and kept through a change of status)
        page.addObject("queueAddress", QueueController.queueAddress(back));
        page.addObject("back", QueueController.isBack(back) ? back : null);
        return page;
    }

    @PostMapping("/console/errors/{id}/status")
    String change(@PathVariable long id, @RequestParam ErrorStatus status,
            @RequestParam(required = false) @WithoutNul String note,
            @RequestParam(defaultValue = "") String back, @RequestParam(defaultValue = "0") int page,
            Principal user, RedirectAttributes redirect) {
        try {
            this.moderation.change(id, status, user.getName(), Moderation.Via.CONSOLE, note);
            redirect.addFlashAttribute("message", "Marked " + status.name().toLowerCase() + ".");
        }
        catch (InvalidTransitionException ex) {
            redirect.addFlashAttribute("problem", ex.getBody().getDetail());
            // not lost with the change: the editor may give it with another one
            redirect.addFlashAttribute("note", note);
        }
        if (QueueController.isBack(back)) {
            redirect.addAttribute("back", back);
        }
        if (page > 0) {
            redirect.addAttribute("page", page);
        }
        return "redirect:/console/errors/" + id;
    }

    static ModelAndView notFound(long id) {
        ModelAndView page = new ModelAndView("console/not-found");
        page.addObject("what", "error " + id);
        page.setStatus(HttpStatus.NOT_FOUND);
        return page;
    }

}
