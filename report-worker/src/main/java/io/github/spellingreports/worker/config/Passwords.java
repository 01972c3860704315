package io.github.spellingreports.worker.config;

import java.nio.charset.StandardCharsets;

/**
 * What BCrypt, which hashes the console's passwords, reads of one: its first 72 bytes in UTF-8.
 * Spring Security refuses to hash a longer one (it would match any password of the same first 72
 * bytes), so a password is at most that long: 72 ASCII characters, 36 Cyrillic letters.
 */
public final class Passwords {

    /** The shortest password of every account, the configured ones' too. */
    public static final int MIN_CHARS = 12;

    /** The most BCrypt reads. */
    public static final int MAX_BYTES = 72;

    private Passwords() {
    }

    /**
     * @param password a password, or {@code null}
     * @return whether BCrypt reads all of it ({@code null} and empty do)
     */
    public static boolean fitBcrypt(String password) {
        return password == null || password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

}
