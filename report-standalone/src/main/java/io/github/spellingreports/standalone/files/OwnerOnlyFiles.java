package io.github.spellingreports.standalone.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files in the data directory that hold a secret (a password, a key, client settings with a
 * password): readable and writable by their owner only, from the moment they exist. The data
 * directory itself, and Kafka's below it (the readers' comments), are the owner's only too.
 */
public final class OwnerOnlyFiles {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);

    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnlyFiles() {
    }

    /**
     * Makes {@code directory} (its missing parents with the usual permissions) accessible to its
     * owner only; one that exists and is open to others is closed, with a warning in the log.
     * Nothing changes on a file system without POSIX permissions.
     * @param directory the directory
     * @throws IOException when it cannot be created
     */
    public static void directory(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            Path parent = directory.toAbsolutePath().getParent();
            if (Files.notExists(parent)) {
                Files.createDirectories(parent);
            }
            try {
                Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
            }
            catch (UnsupportedOperationException ex) {
                Files.createDirectory(directory);
                return;
            }
            catch (FileAlreadyExistsException ex) {
                if (!Files.isDirectory(directory)) {
                    throw ex;
                }
                // made meanwhile: its permissions are checked below
            }
        }
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(directory);
        }
        catch (UnsupportedOperationException ex) {
            return;
        }
        if (!permissions.equals(OWNER_ONLY_DIRECTORY)) {
            close(directory, permissions);
        }
    }

    private static void close(Path directory, Set<PosixFilePermission> permissions) {
        String was = PosixFilePermissions.toString(permissions);
        try {
            // the umask may have taken bits of the owner's too
            Files.setPosixFilePermissions(directory, OWNER_ONLY_DIRECTORY);
        }
        catch (IOException ex) {
            log.warn("{} is open to other users of this machine ({}) and could not be made owner-only: {}; "
                    + "they may read what it holds", directory, was, ex.toString());
            return;
        }
        if (permissions.stream().anyMatch((permission) -> !permission.name().startsWith("OWNER_"))) {
            log.warn("{} was open to other users of this machine ({}): made it owner-only (rwx------)", directory, was);
        }
    }

    /**
     * Writes {@code text} (UTF-8) to {@code file}, replacing a file that was there only once the
     * new one is on disk in full: a failed write or a power cut leaves the old file (or none), never
     * an empty or partial one. The file is owner-only from the moment it exists.
     * @param file the file
     * @param text its new content
     * @throws IOException when it cannot be written
     */
    public static void write(Path file, String text) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Path temporary = createTemporary(directory, file.getFileName().toString());
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(text));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
                channel.force(true);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        finally {
            Files.deleteIfExists(temporary);
        }
        syncDirectory(directory);
    }

    private static Path createTemporary(Path directory, String name) throws IOException {
        try {
            return Files.createTempFile(directory, "." + name + ".", ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        catch (UnsupportedOperationException ex) {
            // not a POSIX file system: the platform's default permissions
            return Files.createTempFile(directory, "." + name + ".", ".tmp");
        }
    }

    /** Makes the rename itself survive a power cut; where a directory cannot be opened (Windows) the move is all. */
    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
        catch (IOException ex) {
            log.debug("Could not sync directory {}: {}", directory, ex.toString());
        }
    }

}
