package io.github.spellingreports.intake.abuse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@value #FIELD} field of a report: the widget never sends it, form-filling bots do. A report
 * with it filled in is answered like any accepted report but published nowhere, so a bot learns
 * nothing from the answer.
 */
public final class Honeypot {

    /** The JSON field name; the widget must never send it. */
    public static final String FIELD = "website";

    /** Clients logged at most: a bot flood within the rate limits (up to the global ceiling a second) writes this many lines. */
    static final int LOGGED_CLIENTS = 100;

    private static final Logger log = LoggerFactory.getLogger(Honeypot.class);

    /** Clients already logged: one line per client, not per request. */
    private final FirstSeen loggedClients = new FirstSeen(LOGGED_CLIENTS);

    private final Refusals refusals;

    Honeypot(Refusals refusals) {
        this.refusals = refusals;
    }

    /**
     * @param value the field's value, {@code null} when absent
     * @param clientHash the sender's address hash, for the log
     * @return true when the request fell into the trap and must not be published
     */
    public boolean caught(String value, String clientHash) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        refusals.honeypot();
        if (loggedClients.first(String.valueOf(clientHash))) {
            log.info("Report from client {} filled in the honeypot field '{}': answered 202, not published (logged once "
                    + "per client, the first {}; each counted in spelling_intake_refused_total{{reason=\"honeypot\"}})",
                    clientHash, FIELD, LOGGED_CLIENTS);
        }
        return true;
    }

}
