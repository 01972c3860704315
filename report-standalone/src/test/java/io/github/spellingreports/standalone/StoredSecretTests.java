package io.github.spellingreports.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class StoredSecretTests {

    @TempDir
    Path dataDir;

    @Test
    void aGeneratedSecretIsKeptForTheNextStartAndReadableByTheOwnerOnly() throws Exception {
        String first = StoredSecret.ADMIN_PASSWORD.readOrCreate(this.dataDir);
        assertThat(first).hasSizeGreaterThanOrEqualTo(20);
        assertThat(StoredSecret.ADMIN_PASSWORD.readOrCreate(this.dataDir)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(StoredSecret.ADMIN_PASSWORD.file(this.dataDir))))
                .isEqualTo("rw-------");
    }

    @Test
    void theLinkSecretIsLongEnoughForTheWorkerAndApartFromThePassword() {
        String linkSecret = StoredSecret.LINK_SECRET.readOrCreate(this.dataDir);
        // the worker requires at least 32 characters
        assertThat(linkSecret).hasSizeGreaterThanOrEqualTo(32)
                .isNotEqualTo(StoredSecret.ADMIN_PASSWORD.readOrCreate(this.dataDir));
    }

    @Test
    void anotherDataDirectoryGetsAnotherSecret(@TempDir Path other) {
        assertThat(StoredSecret.ADMIN_PASSWORD.readOrCreate(other))
                .isNotEqualTo(StoredSecret.ADMIN_PASSWORD.readOrCreate(this.dataDir));
    }

    /**
     * A start cut short (a full disk, a power cut) left the file empty. Taken as the secret, it
     * stopped the broker without naming the file, signed links with a new key at every start and
     * made a new admin password at every start; PostgreSQL's cannot simply be made again.
     */
    @Test
    void aBlankSecretFileStopsTheStartNamingItAndWhatDeletingItMeans() throws Exception {
        Map<StoredSecret, String> advice = Map.of(
                StoredSecret.ADMIN_PASSWORD, "delete it, and the next start makes a new admin password",
                StoredSecret.LINK_SECRET, "the one-click links of the digests mailed before then stop working",
                StoredSecret.POSTGRES_PASSWORD, "change scram-sha-256 to trust in " + this.dataDir.resolve("postgres/pg_hba.conf"),
                StoredSecret.KAFKA_PASSWORD, "delete it, and the next start makes a new one");
        for (StoredSecret secret : StoredSecret.values()) {
            Path file = Files.writeString(secret.file(this.dataDir), (secret.ordinal() % 2 == 0) ? "" : " \n");
            assertThatIllegalStateException().as(secret.name()).isThrownBy(() -> secret.readOrCreate(this.dataDir))
                    .withMessageStartingWith(file + " is empty (a start cut short while writing it?): ")
                    .withMessageContaining(advice.get(secret));
            assertThat(Files.readString(file)).as("left as it was").isBlank();
        }
    }

}
