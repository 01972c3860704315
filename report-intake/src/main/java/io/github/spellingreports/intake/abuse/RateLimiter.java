package io.github.spellingreports.intake.abuse;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token buckets per client over several windows, plus one global bucket. A request passes when
 * every bucket of its client and the global bucket hold a token; only then are tokens taken, so a
 * refused request costs nothing. In memory only: each intake instance limits on its own.
 * <p>
 * Memory is bounded: clients idle for the longest window (whose buckets are full again, so
 * forgetting them changes nothing) are dropped, and beyond {@code maxClients} the least recently
 * seen client is dropped. One lock guards everything; a decision takes well under a microsecond,
 * far below the global ceiling's rate.
 */
class RateLimiter {

    private final List<Limit> perClient;

    private final int maxClients;

    private final InstantSource clock;

    private final Duration idleAfter;

    private final TokenBucket global;

    /** Access-ordered: the first entries are the clients seen least recently. */
    private final LinkedHashMap<String, Client> clients = new LinkedHashMap<>(256, 0.75f, true);

    RateLimiter(List<Limit> perClient, Limit global, int maxClients, InstantSource clock) {
        this.perClient = List.copyOf(perClient);
        this.maxClients = maxClients;
        this.clock = clock;
        this.idleAfter = perClient.stream().map(Limit::period).max(Duration::compareTo).orElseThrow();
        this.global = new TokenBucket(global, clock.instant());
    }

    /**
     * Takes a token for one request of the client when all its buckets and the global one allow it.
     * @param clientKey the client's address hash
     * @return allowed, or refused with the time until a token will be available, and whether only
     *         the global ceiling refused it (the client itself is within its limits)
     */
    synchronized Decision tryAcquire(String clientKey) {
        Instant now = clock.instant();
        forgetIdleClients(now);
        Client client = clients.computeIfAbsent(clientKey, key -> new Client(perClient, now));
        client.lastSeen = now;
        if (clients.size() > maxClients) {
            // Also when the request is refused: a flood of new addresses must not grow the map.
            clients.remove(clients.keySet().iterator().next());
        }
        Duration clientWait = Duration.ZERO;
        for (TokenBucket bucket : client.buckets) {
            clientWait = max(clientWait, bucket.waitForToken(now));
        }
        Duration globalWait = global.waitForToken(now);
        if (!clientWait.isZero() || !globalWait.isZero()) {
            return new Decision(false, max(clientWait, globalWait), clientWait.isZero());
        }
        client.buckets.forEach(bucket -> bucket.take(now));
        global.take(now);
        return Decision.ALLOWED;
    }

    synchronized int trackedClients() {
        return clients.size();
    }

    private void forgetIdleClients(Instant now) {
        Iterator<Client> eldestFirst = clients.values().iterator();
        while (eldestFirst.hasNext()) {
            Client client = eldestFirst.next();
            if (Duration.between(client.lastSeen, now).compareTo(idleAfter) < 0) {
                return;
            }
            eldestFirst.remove();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The answer for one request.
     * @param allowed whether it may pass
     * @param retryAfter when refused: how long until a token is available; zero when allowed
     * @param globalOnly when refused: only by the global ceiling, the client itself being within its limits
     */
    record Decision(boolean allowed, Duration retryAfter, boolean globalOnly) {

        static final Decision ALLOWED = new Decision(true, Duration.ZERO, false);

        /** @return {@link #retryAfter()} in whole seconds, rounded up, at least 1 */
        long retryAfterSeconds() {
            return Math.max(1, retryAfter.getNano() == 0 ? retryAfter.getSeconds() : retryAfter.getSeconds() + 1);
        }

    }

    private static final class Client {

        private final List<TokenBucket> buckets;

        private Instant lastSeen;

        Client(List<Limit> limits, Instant now) {
            this.buckets = limits.stream().map(limit -> new TokenBucket(limit, now)).toList();
            this.lastSeen = now;
        }

    }

    /**
     * A token bucket of {@code requests} tokens refilled over {@code period}, kept as the generic cell
     * rate algorithm's "theoretical arrival time": exact integer time arithmetic, no floating-point
     * drift. Not thread-safe.
     */
    static final class TokenBucket {

        /** Time one token takes to come back. */
        private final Duration interval;

        /** How far ahead of the steady rate a client may run: the burst of a full bucket. */
        private final Duration tolerance;

        private Instant theoreticalArrival;

        TokenBucket(Limit limit, Instant now) {
            this.interval = limit.period().dividedBy(limit.requests());
            this.tolerance = interval.multipliedBy(limit.requests() - 1L);
            this.theoreticalArrival = now;
        }

        /** @return how long until one token is there, zero when it is */
        Duration waitForToken(Instant now) {
            Instant earliest = theoreticalArrival.minus(tolerance);
            return now.isBefore(earliest) ? Duration.between(now, earliest) : Duration.ZERO;
        }

        void take(Instant now) {
            theoreticalArrival = (theoreticalArrival.isAfter(now) ? theoreticalArrival : now).plus(interval);
        }

    }

}
