package io.github.spellingreports.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-model load: requests start at a fixed arrival rate whatever the responses do, and latency is
 * measured from each request's intended start (no coordinated omission). Percentiles are exact
 * (all latencies are kept and sorted).
 */
final class OpenLoad {

    record Result(int sent, int accepted, int failed, double p50Ms, double p99Ms, double maxMs, double seconds) {

        double acceptedPerSecond() {
            return accepted / seconds;
        }

    }

    private OpenLoad() {
    }

    static String body(String origin, String prefix, long n) {
        return "{\"reportId\":\"" + UUID.randomUUID() + "\",\"pageUrl\":\"" + origin + "/articles/" + prefix + "-"
                + (n % 1000) + "\",\"pageTitle\":\"Bench article\",\"lang\":\"en\",\"selection\":\"" + prefix + n
                + "\",\"contextBefore\":\"A sentence with \",\"contextAfter\":\" in the middle.\",\"comment\":\"bench\"}";
    }

    static Result run(String url, String origin, String prefix, double ratePerSecond, Duration duration) throws Exception {
        int total = (int) Math.max(1, Math.round(ratePerSecond * duration.toMillis() / 1000.0));
        ExecutorService executor = Executors.newFixedThreadPool(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(executor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicLongArray latencies = new AtomicLongArray(total);
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        // bounded: a server that stops answering must not make us pile up unbounded requests
        Semaphore outstanding = new Semaphore(2000);
        URI uri = URI.create(url);
        long intervalNanos = (long) (1_000_000_000L / ratePerSecond);
        long start = System.nanoTime();
        for (int i = 0; i < total; i++) {
            long intended = start + i * intervalNanos;
            long wait;
            while ((wait = intended - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            if (!outstanding.tryAcquire()) {
                failed.incrementAndGet();
                latencies.set(index, Long.MAX_VALUE);
                continue;
            }
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(origin, prefix, i))).build();
            client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, ex) -> {
                long now = System.nanoTime();
                latencies.set(index, now - intended);
                if (ex == null && response.statusCode() == 202) {
                    accepted.incrementAndGet();
                }
                else {
                    failed.incrementAndGet();
                }
                lastDone.accumulateAndGet(now, Math::max);
                outstanding.release();
            });
        }
        outstanding.tryAcquire(2000, 30, TimeUnit.SECONDS);
        double seconds = (Math.max(lastDone.get(), start + (total - 1) * intervalNanos) - start) / 1e9;
        executor.shutdownNow();
        long[] sorted = new long[total];
        for (int i = 0; i < total; i++) {
            sorted[i] = latencies.get(i) == 0 ? Long.MAX_VALUE : latencies.get(i);
        }
        Arrays.sort(sorted);
        return new Result(total, accepted.get(), failed.get(), percentile(sorted, 0.50), percentile(sorted, 0.99),
                percentile(sorted, 1.0), seconds);
    }

    static double percentile(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        long value = sorted[index];
        return value == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : value / 1e6;
    }

}
