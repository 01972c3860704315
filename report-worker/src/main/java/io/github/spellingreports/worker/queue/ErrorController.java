package io.github.spellingreports.worker.queue;

import java.security.Principal;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The moderation queue over HTTP, for scripts. Needs an editor or admin login.
 */
@RestController
@RequestMapping("/api/v1/errors")
class ErrorController {

    /** As the intake says it: "must be at most 1000 characters", not "size must be between 0 and 1000". */
    private static final String AT_MOST = "must be at most {max} characters";

    private final ErrorQueue queue;

    private final Moderation moderation;

    ErrorController(ErrorQueue queue, Moderation moderation) {
        this.queue = queue;
        this.moderation = moderation;
    }

    // Constraint violations and unconvertible values (page=x, status=nope) become 400 problem details.
    @GetMapping
    ErrorPage list(@RequestParam(defaultValue = "NEW") ErrorStatus status,
            @RequestParam(required = false) @Size(max = 35, message = AT_MOST) @WithoutNul String lang,
            @RequestParam(required = false) @Size(max = 2048, message = AT_MOST) @WithoutNul String pageUrl,
            @RequestParam(required = false) @Size(max = 200, message = AT_MOST) @WithoutNul String q,
            @RequestParam(defaultValue = "false") boolean exactPage,
            @RequestParam(defaultValue = "0") @Min(0) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return this.queue.find(new QueueFilter(status, lang, pageUrl, q, exactPage), page, size);
    }

    @GetMapping("/{id}")
    ErrorDetails get(@PathVariable long id) {
        QueuedError error = this.queue.findById(id).orElseThrow(() -> new ErrorNotFoundException(id));
        return new ErrorDetails(error, this.queue.variants(id));
    }

    /**
     * @return one page of the error's reports (time, comment, language), newest first; 404 for an unknown id
     */
    @GetMapping("/{id}/reports")
    ReportPage reports(@PathVariable long id, @RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "100") @Min(1) @Max(1000) int size) {
        if (!this.queue.exists(id)) {
            throw new ErrorNotFoundException(id);
        }
        return this.queue.reports(id, page, size);
    }

    /**
     * @return the error with its new status; 404 for an unknown id, 409 for a change the model does not allow
     */
    @PostMapping("/{id}/status")
    ErrorDetails changeStatus(@PathVariable long id, @Valid @RequestBody StatusRequest request, Principal user) {
        this.moderation.change(id, request.status(), user.getName(), Moderation.Via.API, request.note());
        return get(id);
    }

    /**
     * @param status the new status
     * @param note why, for the audit trail
     */
    record StatusRequest(@NotNull ErrorStatus status,
            @Size(max = Moderation.MAX_NOTE, message = AT_MOST) @WithoutNul String note) {
    }

}
