package io.github.spellingreports.worker.deadletter;

import java.security.Principal;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead-letter topic for operators (ADMIN, like all of {@code /api/**}).
 */
@RestController
class DeadLetterController {

    private final DeadLetterService service;

    DeadLetterController(DeadLetterService service) {
        this.service = service;
    }

    /** Header of the list: how many unhandled dead letters are older than those listed. */
    static final String NOT_LISTED_HEADER = "Dead-Letters-Not-Listed";

    /** @param all whether replayed and discarded ones are listed too */
    @GetMapping("/api/v1/dead-letters")
    ResponseEntity<List<DeadLetter>> list(@RequestParam(defaultValue = "false") boolean all) {
        DeadLetterService.Listing listing = this.service.list(all);
        return ResponseEntity.ok().header(NOT_LISTED_HEADER, Long.toString(listing.notListed())).body(listing.letters());
    }

    @PostMapping("/api/v1/dead-letters/{partition}/{offset}/replay")
    DeadLetterService.Replayed replay(@PathVariable int partition, @PathVariable long offset, Principal principal) {
        return this.service.replay(partition, offset, principal.getName());
    }

    @PostMapping("/api/v1/dead-letters/replay-all")
    DeadLetterService.ReplayedAll replayAll(Principal principal) {
        return this.service.replayAll(principal.getName());
    }

    @PostMapping("/api/v1/dead-letters/{partition}/{offset}/discard")
    Discarded discard(@PathVariable int partition, @PathVariable long offset, Principal principal) {
        this.service.discard(partition, offset, principal.getName());
        return new Discarded(partition, offset);
    }

    record Discarded(int partition, long offset) {
    }

}
