package io.github.spellingreports.worker.console;

import java.time.Clock;
import java.time.ZoneId;

import io.github.spellingreports.worker.digest.DigestProperties;
import io.github.spellingreports.worker.lag.LagHistory;
import io.github.spellingreports.worker.lag.LagMonitor;
import io.github.spellingreports.worker.lag.LagProperties;
import io.github.spellingreports.worker.lag.LagReport;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The consumer lag page, for administrators: the latest sample of the lag monitor (a new one only
 * on request, as the broker is asked on a schedule anyway) and a chart of the last hour.
 */
@Controller
class OpsLagController {

    private static final LagLabels LABELS = new LagLabels();

    private final LagMonitor monitor;

    private final LagHistory history;

    private final LagProperties properties;

    private final ZoneId zone;

    private final Clock clock;

    OpsLagController(LagMonitor monitor, LagHistory history, LagProperties properties, DigestProperties digest) {
        this.monitor = monitor;
        this.history = history;
        this.properties = properties;
        this.zone = digest.zone();
        this.clock = Clock.systemUTC();
    }

    /** @param fresh sample now (the Refresh button) instead of showing the latest scheduled sample */
    @GetMapping("/console/ops/lag")
    String lag(@RequestParam(defaultValue = "false") boolean fresh, Model model) {
        LagReport report;
        try {
            report = fresh ? this.monitor.sample() : this.monitor.current();
        }
        catch (RuntimeException ex) {
            report = this.monitor.latest().orElse(null);
            model.addAttribute("problem", "Kafka did not answer in time, so no new sample was taken"
                    + (report != null ? "; this is the previous one." : "."));
        }
        model.addAttribute("report", report);
        model.addAttribute("labels", LABELS);
        model.addAttribute("chart", LagChart.of(this.history.points(), this.clock.instant(), LagHistory.SPAN,
                this.properties.interval().multipliedBy(3), this.zone));
        model.addAttribute("interval", this.properties.interval().toSeconds());
        model.addAttribute("window", this.properties.window());
        return "console/lag";
    }

}
