package io.github.spellingreports.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

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

}
