package io.github.spellingreports.intake.abuse;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Hashes a reader's address (HMAC-SHA256 with a secret salt), so abuse control can tell readers
 * apart without the intake ever storing or publishing an address. Without a configured salt a
 * random one is drawn per start: hashes then differ between restarts and between instances.
 */
class ClientHasher {

    private static final String ALGORITHM = "HmacSHA256";

    // Initialised once and cloned per hash: Mac.getInstance + init per request (a provider lookup and
    // key setup) was about 5% of the intake's CPU per report under load. A clone is a new Mac, so
    // concurrent requests never share one.
    private final Mac prototype;

    ClientHasher(String salt) {
        byte[] secret = salt == null || salt.isEmpty() ? randomSalt() : salt.getBytes(StandardCharsets.UTF_8);
        try {
            this.prototype = Mac.getInstance(ALGORITHM);
            this.prototype.init(new SecretKeySpec(secret, ALGORITHM));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", ex);
        }
    }

    /**
     * @param address the client's IP address (or the network part of it)
     * @return 64 lower-case hex characters
     */
    String hash(String address) {
        Mac mac;
        try {
            mac = (Mac) prototype.clone();
        }
        catch (CloneNotSupportedException ex) {
            throw new IllegalStateException("The platform's HmacSHA256 cannot be cloned", ex);
        }
        return HexFormat.of().formatHex(mac.doFinal(address.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] randomSalt() {
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        return salt;
    }

}
