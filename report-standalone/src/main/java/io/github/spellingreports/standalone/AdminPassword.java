package io.github.spellingreports.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin password of a standalone whose user set none: generated on the first start and kept
 * in the data directory (readable by its owner only), so the login stays the same across restarts
 * like the queue does. {@code SPELLING_WORKER_ADMIN_PASSWORD} still wins over it.
 */
final class AdminPassword {

    static final String FILE_NAME = "admin-password";

    private AdminPassword() {
    }

    /**
     * @param dataDir the standalone's data directory
     * @return the stored password, generated and stored first when there is none
     */
    static String readOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String password = generate();
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            catch (UnsupportedOperationException ex) {
                // not a POSIX file system: the platform's default permissions
                Files.createFile(file);
            }
            Files.writeString(file, password + System.lineSeparator(), StandardCharsets.UTF_8);
            return password;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read or store the admin password in " + file, ex);
        }
    }

    private static String generate() {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

}
