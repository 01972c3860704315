package io.github.spellingreports.worker.lag;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The consumer group's lag for operators (ADMIN, like all of {@code /api/**}).
 */
@RestController
class LagController {

    private final LagMonitor monitor;

    LagController(LagMonitor monitor) {
        this.monitor = monitor;
    }

    /**
     * @param fresh take a sample now instead of answering the latest scheduled one (it also
     *        counts as a sample of the window)
     * @return the latest lag report
     */
    @GetMapping("/api/v1/lag")
    LagReport lag(@RequestParam(defaultValue = "false") boolean fresh) {
        return fresh ? this.monitor.sample() : this.monitor.current();
    }

}
