package io.github.spellingreports.intake.abuse;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RateLimiterTests {

    private final TestClock clock = new TestClock();

    @Test
    void clientGetsItsBurstThenIsRefusedWithTheTimeUntilTheNextToken() {
        RateLimiter limiter = limiter(List.of(Limit.valueOf("3/1m")), "1000/1s", 100);

        assertThat(IntStream.range(0, 3).mapToObj(i -> limiter.tryAcquire("a").allowed())).containsOnly(true);
        RateLimiter.Decision refused = limiter.tryAcquire("a");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.globalOnly()).as("refused by its own limit").isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(refused.retryAfterSeconds()).isEqualTo(20);
    }

    @Test
    void tokensRefillContinuously() {
        RateLimiter limiter = limiter(List.of(Limit.valueOf("3/1m")), "1000/1s", 100);
        drain(limiter, "a", 3);

        clock.advance(Duration.ofSeconds(19));
        assertThat(limiter.tryAcquire("a").retryAfter()).isEqualTo(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    }

    @Test
    void aRefusedRequestTakesNoToken() {
        RateLimiter limiter = limiter(List.of(Limit.valueOf("1/10s")), "1000/1s", 100);
        drain(limiter, "a", 1);
        clock.advance(Duration.ofSeconds(5));
        limiter.tryAcquire("a");
        limiter.tryAcquire("a");

        clock.advance(Duration.ofSeconds(5));
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
    }

    @Test
    void everyWindowMustAllowAndTheLongestWaitIsAnswered() {
        RateLimiter limiter = limiter(List.of(Limit.valueOf("2/1s"), Limit.valueOf("3/1h")), "1000/1s", 100);
        drain(limiter, "a", 2);
        clock.advance(Duration.ofSeconds(1));
        drain(limiter, "a", 1);

        clock.advance(Duration.ofSeconds(10));
        RateLimiter.Decision refused = limiter.tryAcquire("a");

        assertThat(refused.allowed()).as("the hour window is empty although the second window is full").isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMinutes(20).minusSeconds(11));
    }

    @Test
    void otherClientsAreNotAffected() {
        RateLimiter limiter = limiter(List.of(Limit.valueOf("1/1m")), "1000/1s", 100);
        drain(limiter, "a", 1);

        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
        assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    }

    @Test
    void globalCeilingRefusesEveryClientOnceReached() {
        RateLimiter limiter = limiter(List.of(Limit.valueOf("10/1m")), "3/1s", 100);
        drain(limiter, "a", 1);
        drain(limiter, "b", 1);
        drain(limiter, "c", 1);

        RateLimiter.Decision refused = limiter.tryAcquire("d");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.globalOnly()).as("d itself is within its limits").isTrue();
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);
        clock.advance(Duration.ofMillis(334));
        assertThat(limiter.tryAcquire("d").allowed()).isTrue();
    }

    @Test
    void aClientRefusedByTheGlobalCeilingKeepsItsOwnTokens() {
        RateLimiter limiter = limiter(List.of(Limit.valueOf("1/1h")), "1/1s", 100);
        drain(limiter, "a", 1);
        assertThat(limiter.tryAcquire("b").allowed()).isFalse();

        clock.advance(Duration.ofSeconds(1));
        assertThat(limiter.tryAcquire("b").allowed()).isTrue();
    }

    @Test
    void idleClientsAreForgottenAfterTheLongestWindow() {
        RateLimiter limiter = limiter(List.of(Limit.valueOf("1/1s"), Limit.valueOf("5/1h")), "1000/1s", 100);
        drain(limiter, "a", 1);
        clock.advance(Duration.ofMinutes(30));
        drain(limiter, "b", 1);
        assertThat(limiter.trackedClients()).isEqualTo(2);

        clock.advance(Duration.ofMinutes(30));
        limiter.tryAcquire("c");

        assertThat(limiter.trackedClients()).as("a is gone, b and c stay").isEqualTo(2);
    }

    @Test
    void beyondMaxClientsTheLeastRecentlySeenIsForgotten() {
        RateLimiter limiter = limiter(List.of(Limit.valueOf("1/1h")), "1000/1s", 2);
        drain(limiter, "a", 1);
        drain(limiter, "b", 1);
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
        drain(limiter, "c", 1);

        assertThat(limiter.trackedClients()).isEqualTo(2);
        assertThat(limiter.tryAcquire("a").allowed()).as("a was seen after b, so b was dropped").isFalse();
        assertThat(limiter.tryAcquire("b").allowed()).as("b starts afresh").isTrue();
    }

    @Test
    void newClientsRefusedByTheGlobalCeilingDoNotGrowMemoryBeyondMaxClients() {
        RateLimiter limiter = limiter(List.of(Limit.valueOf("10/1h")), "1/1h", 5);
        drain(limiter, "first", 1);
        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire("flood-" + i).allowed()).isFalse();
        }

        assertThat(limiter.trackedClients()).isEqualTo(5);
    }

    @Test
    void concurrentRequestsNeverGetMoreThanTheLimit() throws Exception {
        RateLimiter limiter = limiter(List.of(Limit.valueOf("100/1h")), "100000/1s", 100);
        AtomicInteger allowed = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = IntStream.range(0, 1000)
                    .mapToObj(i -> pool.submit(() -> {
                        if (limiter.tryAcquire("a").allowed()) {
                            allowed.incrementAndGet();
                        }
                    }))
                    .<Future<?>>map(future -> future)
                    .toList();
            for (Future<?> future : done) {
                future.get();
            }
        }
        finally {
            pool.shutdown();
        }
        assertThat(allowed).hasValue(100);
    }

    @Test
    void limitsAreReadFromTheirSettingsForm() {
        assertThat(Limit.valueOf(" 60 / 1h ")).isEqualTo(new Limit(60, Duration.ofHours(1)));
        assertThat(Limit.valueOf("500/1s")).isEqualTo(new Limit(500, Duration.ofSeconds(1)));
        assertThatIllegalArgumentException().isThrownBy(() -> Limit.valueOf("60"));
        assertThatIllegalArgumentException().isThrownBy(() -> Limit.valueOf("x/1m"));
        assertThatIllegalArgumentException().isThrownBy(() -> Limit.valueOf("0/1m"));
        assertThatIllegalArgumentException().isThrownBy(() -> Limit.valueOf("5/0s"));
        assertThatIllegalArgumentException().isThrownBy(() -> Limit.valueOf("2000000/1ms"));
    }

    private RateLimiter limiter(List<Limit> perClient, String global, int maxClients) {
        return new RateLimiter(perClient, Limit.valueOf(global), maxClients, clock);
    }

    private static void drain(RateLimiter limiter, String client, int requests) {
        for (int i = 0; i < requests; i++) {
            assertThat(limiter.tryAcquire(client).allowed()).as("request %d of %s", i + 1, client).isTrue();
        }
    }

    /** A clock that moves only when told. */
    private static final class TestClock implements InstantSource {

        private Instant now = Instant.parse("2026-11-24T12:00:00Z");

        @Override
        public synchronized Instant instant() {
            return now;
        }

        synchronized void advance(Duration duration) {
            now = now.plus(duration);
        }

    }

}
