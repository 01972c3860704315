package io.github.spellingreports.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.function.Function;

import io.github.spellingreports.standalone.files.OwnerOnlyFiles;

/**
 * Secrets a standalone whose user set none makes on its first start and keeps in the data
 * directory (readable by its owner only), so that they stay the same across restarts like the
 * queue does: the admin password, the key that signs the digest's one-click links (a link
 * mailed yesterday must still work after a restart), and the passwords of the embedded PostgreSQL
 * and the embedded Kafka broker. The user's environment still wins over the first two.
 */
enum StoredSecret {

    /** {@code spelling.worker.admin.password}; the worker takes it at every start and stores it nowhere else. */
    ADMIN_PASSWORD("admin-password", 18, (dataDir) -> "delete it, and the next start makes a new admin password "
            + "and shows it in its banner"),

    /** {@code spelling.worker.link-secret}. */
    LINK_SECRET("link-secret", 48, (dataDir) -> "put it back from a backup; or delete it, and the next start makes a new "
            + "key: the one-click links of the digests mailed before then stop working"),

    /**
     * The embedded PostgreSQL's {@code postgres} user's, which the worker logs in with; once set in
     * the cluster, a new one does not let the start in.
     */
    POSTGRES_PASSWORD("postgres-password", 18, (dataDir) -> "put it back from a backup; or, when the database "
            + "has not started on it yet, delete it; otherwise the database still asks for the lost password: "
            + "change scram-sha-256 to trust in " + dataDir.resolve("postgres").resolve("pg_hba.conf")
            + " and delete the file, and the next start sets a new password and puts pg_hba.conf back"),

    /** The embedded Kafka broker's one user's, which both applications log in with; the broker takes it at every start. */
    KAFKA_PASSWORD("kafka-password", 18, (dataDir) -> "delete it, and the next start makes a new one");

    private final String fileName;

    private final int randomBytes;

    /** What deleting the file, when it is blank, means for this secret, and what to do instead. */
    private final Function<Path, String> whenBlank;

    StoredSecret(String fileName, int randomBytes, Function<Path, String> whenBlank) {
        this.fileName = fileName;
        this.randomBytes = randomBytes;
        this.whenBlank = whenBlank;
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
     * @throws IllegalStateException when the file is blank, saying what to do
     */
    String readOrCreate(Path dataDir) {
        Path file = file(dataDir);
        try {
            if (Files.exists(file)) {
                String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
                if (stored.isEmpty()) {
                    // a start cut short while writing it, before writes went through a temporary file
                    throw new IllegalStateException(file + " is empty (a start cut short while writing it?): "
                            + this.whenBlank.apply(dataDir));
                }
                return stored;
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
