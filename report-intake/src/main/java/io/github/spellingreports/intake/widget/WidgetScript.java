package io.github.spellingreports.intake.widget;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The widget script, read once at start-up, with its content hash and a gzip copy: it never changes
 * while the intake runs, so neither is worth computing per request. It is served without the
 * source's comment lines (its header comment stays) and without indentation: readers' browsers need
 * not download them.
 */
@Component
class WidgetScript {

    static final String LOCATION = "widget/widget.js";

    private final byte[] plain;

    private final byte[] gzipped;

    private final String hash;

    WidgetScript() {
        this(served(read(new ClassPathResource(LOCATION))));
    }

    WidgetScript(byte[] plain) {
        this.plain = plain.clone();
        this.gzipped = gzip(plain);
        this.hash = sha256(plain).substring(0, 32);
    }

    byte[] plain() {
        return plain.clone();
    }

    byte[] gzipped() {
        return gzipped.clone();
    }

    /** @return hex of the first 128 bits of the script's SHA-256 */
    String hash() {
        return hash;
    }

    /**
     * @param source the script as written
     * @return it without lines that are a {@code //} comment and nothing else, and without the white
     *         space that starts a line (the script has no template literals or other multi-line
     *         strings in which such a line or such white space could be text)
     */
    static byte[] served(byte[] source) {
        return new String(source, StandardCharsets.UTF_8).lines()
                .map(String::stripLeading)
                .filter((line) -> !line.startsWith("//"))
                .collect(Collectors.joining("\n", "", "\n")).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] read(ClassPathResource resource) {
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The widget script " + LOCATION + " is missing from the classpath", ex);
        }
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length / 2);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", ex);
        }
    }

}
