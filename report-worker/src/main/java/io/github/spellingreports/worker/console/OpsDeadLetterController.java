package io.github.spellingreports.worker.console;

import java.security.Principal;
import java.util.List;

import io.github.spellingreports.worker.deadletter.DeadLetter;
import io.github.spellingreports.worker.deadletter.DeadLetterService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The dead-letter page, for administrators: what failed and why, with replay and discard. The
 * outcome, good or bad, comes back as a flash message on the list, never as an error page.
 */
@Controller
class OpsDeadLetterController {

    private static final Logger log = LoggerFactory.getLogger(OpsDeadLetterController.class);

    private static final String KAFKA_UNAVAILABLE = "Kafka or the database did not answer in time; nothing was changed, try again.";

    private static final String REPLAY_ALL_STOPPED = "Replay all stopped: Kafka or the database did not answer in time. "
            + "Letters before that may have been replayed (Show handled lists them); try again for the others.";

    private final DeadLetterService deadLetters;

    OpsDeadLetterController(DeadLetterService deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** @param all whether replayed and discarded ones are listed too */
    @GetMapping("/console/ops/dead-letters")
    String list(@RequestParam(defaultValue = "false") boolean all, Model model) {
        List<DeadLetter> letters;
        long notListed = 0;
        try {
            DeadLetterService.Listing listing = this.deadLetters.list(all);
            letters = listing.letters();
            notListed = listing.notListed();
        }
        catch (RuntimeException ex) {
            log.warn("Dead letters not listed: {}", ex.getMessage());
            letters = List.of();
            model.addAttribute("problem", "The dead-letter topic could not be read: Kafka or the database did not answer in time.");
            // not an empty topic: the page says nothing about what it could not read
            model.addAttribute("unreadable", true);
        }
        model.addAttribute("letters", letters);
        model.addAttribute("notListed", notListed);
        model.addAttribute("all", all);
        model.addAttribute("unhandled", letters.stream().filter((letter) -> letter.handled() == null).count());
        return "console/dead-letters";
    }

    @PostMapping("/console/ops/dead-letters/{partition}/{offset}/replay")
    String replay(@PathVariable int partition, @PathVariable long offset,
            @RequestParam(defaultValue = "false") boolean all, Principal user, RedirectAttributes redirect) {
        act(redirect, () -> {
            DeadLetterService.Replayed replayed = this.deadLetters.replay(partition, offset, user.getName());
            return "Dead letter " + partition + "/" + offset + " replayed to partition " + replayed.replayedPartition()
                    + ", offset " + replayed.replayedOffset() + ".";
        });
        return back(all);
    }

    @PostMapping("/console/ops/dead-letters/{partition}/{offset}/discard")
    String discard(@PathVariable int partition, @PathVariable long offset,
            @RequestParam(defaultValue = "false") boolean all, Principal user, RedirectAttributes redirect) {
        act(redirect, () -> {
            this.deadLetters.discard(partition, offset, user.getName());
            return "Dead letter " + partition + "/" + offset + " discarded.";
        });
        return back(all);
    }

    @PostMapping("/console/ops/dead-letters/replay-all")
    String replayAll(@RequestParam(defaultValue = "false") boolean all, Principal user, RedirectAttributes redirect) {
        // one letter after the other: a failure midway leaves those before it replayed
        act(redirect, REPLAY_ALL_STOPPED, () -> {
            DeadLetterService.ReplayedAll outcome;
            try {
                outcome = this.deadLetters.replayAll(user.getName());
            }
            catch (ErrorResponseException ex) {
                // the topic could not be read further: those before may be replayed, as after a timeout
                throw new PartlyDone("Replay all stopped: " + ex.getBody().getTitle() + ": " + ex.getBody().getDetail()
                        + " Letters before that may have been replayed (Show handled lists them); try again for the others.");
            }
            int replayed = outcome.replayed().size();
            String message = (replayed == 0 && outcome.failed().isEmpty()) ? "No unhandled dead letters to replay."
                    : replayed + (replayed == 1 ? " dead letter" : " dead letters") + " replayed.";
            if (!outcome.failed().isEmpty()) {
                // partly done: say so as a problem, with what did happen
                throw new PartlyDone(message + " " + outcome.failed().size() + " not confirmed replayed (handled "
                        + "meanwhile, refused by Kafka, or not confirmed in time: replaying one again is harmless for a "
                        + "report, and one that fails again comes back as a new dead letter): " + String.join(", ", outcome.failed().stream()
                                .map((failed) -> failed.partition() + "/" + failed.offset()).toList()) + ".");
            }
            return message;
        });
        return back(all);
    }

    /** Runs an action and turns its outcome into the flash message. */
    private static void act(RedirectAttributes redirect, Action action) {
        act(redirect, KAFKA_UNAVAILABLE, action);
    }

    /** @param failed the flash message for an unexpected failure (Kafka or the database did not answer) */
    private static void act(RedirectAttributes redirect, String failed, Action action) {
        try {
            redirect.addFlashAttribute("message", action.run());
        }
        catch (ErrorResponseException ex) {
            redirect.addFlashAttribute("problem", ex.getBody().getTitle() + ": " + ex.getBody().getDetail());
        }
        catch (PartlyDone ex) {
            redirect.addFlashAttribute("problem", ex.getMessage());
        }
        catch (RuntimeException ex) {
            log.warn("Dead-letter action failed: {}", ex.getMessage());
            redirect.addFlashAttribute("problem", failed);
        }
    }

    private static String back(boolean all) {
        return all ? "redirect:/console/ops/dead-letters?all=true" : "redirect:/console/ops/dead-letters";
    }

    @FunctionalInterface
    private interface Action {

        String run();

    }

    private static final class PartlyDone extends RuntimeException {

        PartlyDone(String message) {
            super(message, null, false, false);
        }

    }

}
