package io.github.spellingreports.standalone;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class AdminPasswordTests {

    @TempDir
    Path dataDir;

    @Test
    void aGeneratedPasswordIsKeptForTheNextStartAndReadableByTheOwnerOnly() throws Exception {
        String first = AdminPassword.readOrCreate(this.dataDir);
        assertThat(first).hasSizeGreaterThanOrEqualTo(20);
        assertThat(AdminPassword.readOrCreate(this.dataDir)).isEqualTo(first);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(this.dataDir.resolve(AdminPassword.FILE_NAME))))
                .isEqualTo("rw-------");
    }

    @Test
    void anotherDataDirectoryGetsAnotherPassword(@TempDir Path other) {
        assertThat(AdminPassword.readOrCreate(other)).isNotEqualTo(AdminPassword.readOrCreate(this.dataDir));
    }

}
