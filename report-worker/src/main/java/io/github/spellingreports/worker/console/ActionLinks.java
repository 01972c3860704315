package io.github.spellingreports.worker.console;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.github.spellingreports.worker.config.WorkerProperties;
import io.github.spellingreports.worker.digest.DigestProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Signs and checks the one-click links of digest mails: HMAC-SHA256 over (error id, action,
 * expiry) with {@code spelling.worker.link-secret}. Whoever holds a valid link may take its action
 * once, without logging in; the mail is the authority, like a password-reset link.
 */
@Component
public class ActionLinks {

    private static final Logger log = LoggerFactory.getLogger(ActionLinks.class);

    private static final String ALGORITHM = "HmacSHA256";

    private static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("d MMMM yyyy, HH:mm", Locale.ENGLISH);

    private final SecretKeySpec key;

    private final Duration validity;

    private final String baseUrl;

    ActionLinks(WorkerProperties worker, DigestProperties digest) {
        this.key = new SecretKeySpec(secret(worker.linkSecret()), ALGORITHM);
        this.validity = worker.linkValidity();
        String url = digest.consoleUrl().toString();
        this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** @return a signed link that marks the error fixed, valid for {@code spelling.worker.link-validity} */
    public String fixed(long errorId) {
        return url(sign(errorId, ActionLink.Action.FIXED, Instant.now().plus(this.validity)));
    }

    /** @return a signed link that dismisses the error, valid for {@code spelling.worker.link-validity} */
    public String dismiss(long errorId) {
        return url(sign(errorId, ActionLink.Action.DISMISS, Instant.now().plus(this.validity)));
    }

    /**
     * @param signedAt when the links were signed
     * @param zone the newsroom's ({@code spelling.digest.zone})
     * @return until when they work, to the minute, as a mail says it: {@code 19 December 2026, 08:00 (UTC)}
     */
    public String validUntil(Instant signedAt, ZoneId zone) {
        return UNTIL.format(signedAt.plus(this.validity).atZone(zone)) + " (" + zone.getId() + ")";
    }

    /**
     * @return when the link was signed: its expiry less {@code spelling.worker.link-validity}, to the
     *         second (a validity changed since moves it by as much)
     */
    Instant signedAt(ActionLink link) {
        return link.expiresAt().minus(this.validity);
    }

    /** @return the link of an error's console page */
    public String errorPage(long errorId) {
        return this.baseUrl + "/console/errors/" + errorId;
    }

    String url(ActionLink link) {
        return this.baseUrl + "/console/links/" + link.errorId() + "/" + link.action().slug() + "?expires="
                + link.expiresAt().getEpochSecond() + "&sig=" + link.signature();
    }

    ActionLink sign(long errorId, ActionLink.Action action, Instant expiresAt) {
        Instant expires = Instant.ofEpochSecond(expiresAt.getEpochSecond());
        return new ActionLink(errorId, action, expires, signature(errorId, action, expires));
    }

    /**
     * @return whether the signature is the one this key gives for these values (expiry not checked)
     */
    boolean isAuthentic(long errorId, ActionLink.Action action, Instant expiresAt, String signature) {
        byte[] expected = signature(errorId, action, expiresAt).getBytes(StandardCharsets.US_ASCII);
        byte[] given = (signature != null) ? signature.getBytes(StandardCharsets.US_ASCII) : new byte[0];
        return MessageDigest.isEqual(expected, given);
    }

    private String signature(long errorId, ActionLink.Action action, Instant expiresAt) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(this.key);
            byte[] data = (errorId + "\n" + action.slug() + "\n" + expiresAt.getEpochSecond()).getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("HmacSHA256 is unavailable", ex);
        }
    }

    private static byte[] secret(String configured) {
        if (StringUtils.hasText(configured)) {
            return configured.getBytes(StandardCharsets.UTF_8);
        }
        log.warn("No spelling.worker.link-secret configured: one-click links in digest mails are signed with a "
                + "random key and stop working when this worker restarts; with several workers each signs with its "
                + "own key. Set SPELLING_WORKER_LINK_SECRET (32+ characters) to keep them valid.");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return random;
    }

}
