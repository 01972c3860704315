package io.github.spellingreports.worker.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationFailureDisabledEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Counts the console's logins and the API's authenticated requests by outcome
 * ({@code spelling_authentications_total}), and logs each failure with the name tried and the
 * address it came from: password guessing shows on the dashboard, raises an alert, and can be
 * blocked by address where the operator decides (the reverse proxy, or fail2ban on the log line).
 * The worker itself locks no account out: that would let anyone who knows a user name, the
 * configured administrator's included, lock out its owner and Prometheus' scrapes.
 */
@Component
class AuthenticationOutcomes {

    private static final Logger log = LoggerFactory.getLogger(AuthenticationOutcomes.class);

    private static final int MAX_LOGGED_NAME = 100;

    private final Counter succeeded;

    private final Counter badCredentials;

    private final Counter disabled;

    private final Counter failed;

    AuthenticationOutcomes(MeterRegistry registry) {
        // registered now, at zero: a counter that first appears at 1 loses that first increase
        this.succeeded = counter(registry, "success");
        this.badCredentials = counter(registry, "bad_credentials");
        this.disabled = counter(registry, "disabled");
        this.failed = counter(registry, "error");
    }

    private static Counter counter(MeterRegistry registry, String outcome) {
        return Counter.builder("spelling.authentications")
                .description("Console logins and authenticated API requests, by outcome (bad_credentials: an unknown"
                        + " user or a wrong password; error: the accounts could not be read)")
                .tag("outcome", outcome).register(registry);
    }

    @EventListener
    void succeeded(AuthenticationSuccessEvent event) {
        this.succeeded.increment();
    }

    @EventListener
    void failed(AbstractAuthenticationFailureEvent event) {
        String outcome;
        if (event instanceof AuthenticationFailureBadCredentialsEvent) {
            this.badCredentials.increment();
            outcome = "bad_credentials";
        }
        else if (event instanceof AuthenticationFailureDisabledEvent) {
            this.disabled.increment();
            outcome = "disabled";
        }
        else {
            this.failed.increment();
            outcome = "error";
        }
        String address = (event.getAuthentication().getDetails() instanceof WebAuthenticationDetails details)
                ? details.getRemoteAddress() : "unknown";
        log.info("Login failed user={} from={} outcome={}", printable(event.getAuthentication().getName()), address,
                outcome);
    }

    /** The name as typed, without line breaks or other control characters that could forge log lines. */
    static String printable(String name) {
        if (name == null) {
            return "";
        }
        String shown = name.replaceAll("\\p{Cntrl}", "?");
        return (shown.length() > MAX_LOGGED_NAME) ? shown.substring(0, MAX_LOGGED_NAME) + "..." : shown;
    }

}
