package io.github.spellingreports.standalone.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files in the data directory that hold a secret (a password, a key, client settings with a
 * password): readable and writable by their owner only, from the moment they exist.
 */
public final class OwnerOnlyFiles {

    private OwnerOnlyFiles() {
    }

    /**
     * Writes {@code text} (UTF-8) to {@code file}, replacing a file that was there; the file is
     * created owner-only before anything is written to it.
     * @param file the file
     * @param text its new content
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, String text) throws IOException {
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (UnsupportedOperationException ex) {
            // not a POSIX file system: the platform's default permissions
            Files.createFile(file);
        }
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

}
