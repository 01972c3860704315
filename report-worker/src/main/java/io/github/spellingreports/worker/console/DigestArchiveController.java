package io.github.spellingreports.worker.console;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.github.spellingreports.worker.digest.DigestProperties;
import io.github.spellingreports.worker.digest.DigestService;
import io.github.spellingreports.worker.digest.DigestSummary;
import io.github.spellingreports.worker.digest.NoRecipientsException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The digest archive: every digest with its bodies as mailed; administrators can send one now.
 */
@Controller
class DigestArchiveController {

    private static final int PAGE_SIZE = 50;

    private static final DateTimeFormatter SCHEDULED = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.ENGLISH);

    private final DigestArchive archive;

    private final DigestService digests;

    private final DigestProperties properties;

    DigestArchiveController(DigestArchive archive, DigestService digests, DigestProperties properties) {
        this.archive = archive;
        this.digests = digests;
        this.properties = properties;
    }

    /**
     * @return when this worker builds the next scheduled digest, as editors read it, e.g.
     *         "Friday 5 December 2026, 08:00 (Europe/Berlin)"; empty while scheduled digests are off
     */
    static Optional<String> nextScheduled(DigestProperties properties, Instant now) {
        return properties.nextScheduled(now).map((next) -> SCHEDULED.format(next) + " (" + next.getZone() + ")");
    }

    @GetMapping("/console/digests")
    ModelAndView list(@RequestParam(defaultValue = "0") int page) {
        long total = this.archive.count();
        // past the end (an old link): the last page there is
        int number = (int) Math.min(Math.max(page, 0), Math.max((total + PAGE_SIZE - 1) / PAGE_SIZE - 1, 0));
        ModelAndView view = new ModelAndView("console/digests");
        view.addObject("digests", this.archive.list(number, PAGE_SIZE));
        view.addObject("page", number);
        view.addObject("totalPages", (total + PAGE_SIZE - 1) / PAGE_SIZE);
        view.addObject("nextDigest", nextScheduled(this.properties, Instant.now()).orElse(null));
        return view;
    }

    @GetMapping("/console/digests/{id}")
    ModelAndView digest(@PathVariable long id) {
        return this.archive.find(id).map((digest) -> {
            ModelAndView view = new ModelAndView("console/digest");
            view.addObject("digest", digest);
            view.addObject("text", this.archive.text(id).orElse(""));
            return view;
        }).orElseGet(() -> {
            ModelAndView view = new ModelAndView("console/not-found");
            view.addObject("what", "digest " + id);
            view.setStatus(HttpStatus.NOT_FOUND);
            return view;
        });
    }

    /** The stored HTML as mailed, for the archive's sandboxed frame (see {@link MailFrame}). */
    @GetMapping("/console/digests/{id}/html")
    ResponseEntity<String> html(@PathVariable long id) {
        return MailFrame.response(this.archive.html(id));
    }

    @PostMapping("/console/digests/send")
    String send(RedirectAttributes redirect) {
        List<DigestSummary> sent;
        try {
            sent = this.digests.buildAndSendAll(null);
        }
        catch (NoRecipientsException ex) {
            // a worker without scheduled digests may have none; the API answers 409 for it
            redirect.addFlashAttribute("problem", ex.getMessage() + ": none was sent.");
            return "redirect:/console/digests";
        }
        redirect.addFlashAttribute("message", sent.isEmpty() ? "Nothing new since the previous digest: none sent."
                : sent.size() + (sent.size() == 1 ? " digest" : " digests") + " built: "
                        + String.join(", ", sent.stream().map((digest) -> "#" + digest.digestId() + " to "
                                + digest.desk() + " (" + digest.status() + ")").toList()) + ".");
        return "redirect:/console/digests";
    }

}
