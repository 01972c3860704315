package io.github.spellingreports.intake.widget;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo articles with deliberate typos and the widget embedded: {@code /demo} (English) and
 * {@code /demo/ru} (Russian). They are served by the intake itself, so their origin is the intake's,
 * and reports from them are accepted when that origin is in {@code spelling.intake.allowed-origins}.
 */
@RestController
class DemoController {

    private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    /** The intake has no page of its own: a newcomer who opens its address lands on the demo. */
    @GetMapping("/")
    ResponseEntity<Void> root() {
        return ResponseEntity.status(HttpStatus.FOUND).location(URI.create("/demo")).build();
    }

    @GetMapping("/demo")
    ResponseEntity<Resource> english() {
        return page("en");
    }

    @GetMapping("/demo/ru")
    ResponseEntity<Resource> russian() {
        return page("ru");
    }

    /**
     * A demo's address, or the script's, typed with a slash at its end: Spring matches paths exactly,
     * and the resource handler would answer "No static resource demo." (or, from a build's classes
     * directory, an empty page).
     */
    @GetMapping({ "/demo/", "/demo/ru/", "/widget.js/" })
    ResponseEntity<Void> withoutTheSlash(HttpServletRequest request) {
        String path = request.getRequestURI();
        return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                .location(URI.create(path.substring(0, path.length() - 1))).build();
    }

    private static ResponseEntity<Resource> page(String language) {
        return ResponseEntity.ok().contentType(HTML).body(new ClassPathResource("static/demo/" + language + ".html"));
    }

}
