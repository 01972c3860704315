package io.github.spellingreports.bench;

import java.time.Instant;
import java.util.UUID;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * B1's ceiling: the same web stack (Boot 4 MVC on Tomcat, Jackson 3, Bean Validation) parsing and
 * validating the same JSON with the intake's constraints and building the same event, then answering
 * 202 without Kafka. Started in its own JVM by {@link Bench}.
 */
@SpringBootApplication
public class CeilingApplication {

    public static void main(String[] args) {
        SpringApplication application = new SpringApplication(CeilingApplication.class);
        application.setDefaultProperties(java.util.Map.of("spring.main.banner-mode", "off",
                "server.address", "127.0.0.1", "logging.level.root", "WARN",
                "logging.level.io.github.spellingreports.bench", "INFO"));
        application.run(args);
        System.out.println("ceiling is up");
    }

    static final String NO_CONTROLS = "\\P{Cc}*";

    static final String TEXT = "[\\t\\n\\r\\P{Cc}]*";

    static final String LANGUAGE_TAG = "|[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*";

    /** The intake's ReportRequest constraints (its two custom ones approximated by standard ones). */
    record CeilingReport(UUID reportId,
            @NotNull @Size(max = 2048) @Pattern(regexp = NO_CONTROLS) @Pattern(regexp = "https?://.+") String pageUrl,
            @Size(max = 500) @Pattern(regexp = NO_CONTROLS) String pageTitle,
            @Size(max = 35) @Pattern(regexp = LANGUAGE_TAG) String lang,
            @NotNull @NotBlank @Size(max = 300) @Pattern(regexp = TEXT) String selection,
            @Size(max = 200) @Pattern(regexp = TEXT) String contextBefore,
            @Size(max = 200) @Pattern(regexp = TEXT) String contextAfter,
            @Size(max = 1000) @Pattern(regexp = TEXT) String comment,
            String website) {
    }

    record Accepted(UUID reportId) {
    }

    @RestController
    static class CeilingController {

        /** Keeps the JIT from dropping the event: the work the intake does before publishing. */
        static volatile int sink;

        @PostMapping(path = "/api/v1/reports", consumes = MediaType.APPLICATION_JSON_VALUE)
        ResponseEntity<Accepted> report(@Valid @RequestBody CeilingReport report) {
            UUID id = report.reportId() != null ? report.reportId() : UUID.randomUUID();
            String before = report.contextBefore() == null ? "" : report.contextBefore();
            String after = report.contextAfter() == null ? "" : report.contextAfter();
            String selection = report.selection().strip();
            SpellingErrorReported event = new SpellingErrorReported(SpellingErrorReported.CURRENT_SCHEMA_VERSION, id,
                    DedupKey.of(report.pageUrl(), before, selection, after), report.pageUrl(), report.pageTitle(),
                    report.lang(), selection, before, after, report.comment(), Instant.now(), "bench");
            sink += event.dedupKey().length();
            return ResponseEntity.accepted().body(new Accepted(id));
        }

    }

}
