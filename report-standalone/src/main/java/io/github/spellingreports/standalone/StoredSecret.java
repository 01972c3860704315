package io.github.spellingreports.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

import io.github.spellingreports.standalone.files.OwnerOnlyFiles;

/**
 * Secrets a standalone whose user set none makes on its first start and keeps in the data
 * directory (readable by its owner only), so that they stay the same across restarts like the
 * queue does: the admin password, the key that signs the digest's one-click links (a link
 * mailed yesterday must still work after a restart), and the passwords of the embedded PostgreSQL
 * and the embedded Kafka broker. The user's environment still wins over the first two.
 */
enum StoredSecret {

    /** {@code spelling.worker.admin.password}. */
    ADMIN_PASSWORD("admin-password", 18),

    /** {@code spelling.worker.link-secret}. */
    LINK_SECRET("link-secret", 48),

    /** The embedded PostgreSQL's {@code postgres} user's, which the worker logs in with. */
    POSTGRES_PASSWORD("postgres-password", 18),

    /** The embedded Kafka broker's one user's, which both applications log in with. */
    KAFKA_PASSWORD("kafka-password", 18);

    private final String fileName;

    private final int randomBytes;

    StoredSecret(String fileName, int randomBytes) {
        this.fileName = fileName;
        this.randomBytes = randomBytes;
    }

    /**
     * @param dataDir the standalone's data directory
     * @return the file this secret is kept in
     */
    Path file(Path dataDir) {
        return dataDir.resolve(this.fileName);
    }

    /**
     * @param dataDir the standalone's data directory
     * @return the stored secret, generated and stored first when there is none
     */
    String readOrCreate(Path dataDir) {
        Path file = file(dataDir);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            String secret = generate();
            OwnerOnlyFiles.write(file, secret + System.lineSeparator());
            return secret;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not read or store a secret in " + file, ex);
        }
    }

    private String generate() {
        byte[] random = new byte[this.randomBytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

}
