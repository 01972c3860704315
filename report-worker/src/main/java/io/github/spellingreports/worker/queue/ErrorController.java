package io.github.spellingreports.worker.queue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The moderation queue over HTTP, for the console and scripts. Needs the admin login.
 */
@RestController
@RequestMapping("/api/v1/errors")
class ErrorController {

    private final ErrorQueue queue;

    ErrorController(ErrorQueue queue) {
        this.queue = queue;
    }

    // Constraint violations and unconvertible values (page=x, status=nope) become 400 problem details.
    @GetMapping
    ErrorPage list(@RequestParam(defaultValue = "NEW") ErrorStatus status,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return this.queue.find(status, page, size);
    }

    @GetMapping("/{id}")
    QueuedError get(@PathVariable long id) {
        return this.queue.findById(id).orElseThrow(() -> new ErrorNotFoundException(id));
    }

}
