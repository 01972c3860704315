package io.github.spellingreports.standalone.files;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class OwnerOnlyFilesTests {

    @TempDir
    Path dir;

    /**
     * A new file is moved into the old one's place, so the old one is never truncated: a write in
     * place would leave an empty file after a power cut, and keep the old file (its inode).
     */
    @Test
    void aNewFileIsOwnerOnlyAndReplacesTheOldOne() throws Exception {
        Path file = Files.writeString(this.dir.resolve("secret"), "old");
        Object before = Files.readAttributes(file, BasicFileAttributes.class).fileKey();
        OwnerOnlyFiles.write(file, "new");
        assertThat(file).hasContent("new");
        assertThat(before).as("the file system gives files keys").isNotNull();
        assertThat(Files.readAttributes(file, BasicFileAttributes.class).fileKey()).as("a new file, moved in place")
                .isNotEqualTo(before);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(files()).containsExactly(file);
    }

    /**
     * The file is replaced only once its successor is written in full: deleted, then created
     * and written, it was left empty by a write that failed (a full disk) or a power cut.
     */
    @Test
    void aWriteThatFailsLeavesTheOldFileAsItWasAndNothingBeside() throws Exception {
        Path file = Files.writeString(this.dir.resolve("secret"), "old");
        // a lone surrogate: UTF-8 cannot encode it, so the write fails part-way
        assertThatException().isThrownBy(() -> OwnerOnlyFiles.write(file, "new\uD800"));
        assertThat(file).hasContent("old");
        assertThat(files()).containsExactly(file);
    }

    private List<Path> files() throws Exception {
        try (Stream<Path> files = Files.list(this.dir)) {
            return files.toList();
        }
    }

}
