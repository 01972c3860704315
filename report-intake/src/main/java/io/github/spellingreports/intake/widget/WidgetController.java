package io.github.spellingreports.intake.widget;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves the reader widget that sites embed with {@code <script src="https://INTAKE/widget.js" defer>}.
 * Cacheable for {@code spelling.intake.widget.cache-max-age}, then revalidated by ETag (304 when
 * unchanged); gzip-compressed for clients that accept it. Spring answers 304 itself when the
 * request's {@code If-None-Match} matches the ETag of the returned entity.
 */
@RestController
class WidgetController {

    static final MediaType JAVASCRIPT = new MediaType("application", "javascript", StandardCharsets.UTF_8);

    private final WidgetScript script;

    private final CacheControl cacheControl;

    WidgetController(WidgetScript script, WidgetProperties properties) {
        this.script = script;
        this.cacheControl = CacheControl.maxAge(properties.cacheMaxAge()).cachePublic();
    }

    @GetMapping("/widget.js")
    ResponseEntity<byte[]> widget(@RequestHeader(name = HttpHeaders.ACCEPT_ENCODING, required = false) String accepted) {
        boolean gzip = acceptsGzip(accepted);
        // Weak: the gzip and the plain body are the same script, so they share one validator.
        return ResponseEntity.ok()
                .contentType(JAVASCRIPT)
                .cacheControl(cacheControl)
                .eTag("W/\"" + script.hash() + "\"")
                .varyBy(HttpHeaders.ACCEPT_ENCODING)
                .header("X-Content-Type-Options", "nosniff")
                .headers(headers -> {
                    if (gzip) {
                        headers.set(HttpHeaders.CONTENT_ENCODING, "gzip");
                    }
                })
                .body(gzip ? script.gzipped() : script.plain());
    }

    /** True when the header lists gzip (or *) without {@code q=0}. */
    static boolean acceptsGzip(String acceptEncoding) {
        if (acceptEncoding == null) {
            return false;
        }
        return Arrays.stream(acceptEncoding.split(","))
                .map(coding -> coding.trim().toLowerCase(Locale.ROOT).replace(" ", ""))
                .filter(coding -> coding.startsWith("gzip") || coding.startsWith("*"))
                .anyMatch(coding -> !coding.matches(".*;q=0(\\.0*)?$"));
    }

}
