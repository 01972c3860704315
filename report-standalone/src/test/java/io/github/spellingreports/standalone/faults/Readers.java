package io.github.spellingreports.standalone.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;

/**
 * A few readers sending reports to the intake as fast as it answers, each on its own thread and
 * connection, for a bounded number of reports; every answer is kept with its timing. Such readers
 * wait for their answers, so they never have more requests open than there are readers: for a
 * load that piles up when the intake answers slowly, {@link #startArrivals(Duration)} adds readers
 * arriving at a fixed rate whatever the answers (an open loop).
 */
final class Readers implements AutoCloseable {

    /** The status recorded for a request that got no HTTP answer (connection refused or reset). */
    static final int NO_ANSWER = -1;

    /** Longer than any bound the tests assert, so that a slow answer is measured rather than cut off. */
    private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(30);

    private final int port;

    private final int perReader;

    private final List<HttpClient> clients = new ArrayList<>();

    private final ExecutorService threads;

    private final AtomicBoolean stopped = new AtomicBoolean();

    private final ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();

    private final AtomicInteger arrivalsOpen = new AtomicInteger();

    private final AtomicInteger mostArrivalsOpen = new AtomicInteger();

    private ScheduledExecutorService arrivals;

    /** The arrivals' client's threads: a fixed few, so that the test's own threads do not grow with the open requests. */
    private ExecutorService arrivalClientThreads;

    /**
     * @param port the intake's port on 127.0.0.1
     * @param readers how many readers (threads) send at once
     * @param perReader the most reports one reader sends
     */
    Readers(int port, int readers, int perReader) {
        this.port = port;
        this.perReader = perReader;
        for (int i = 0; i < readers; i++) {
            this.clients.add(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        }
        this.threads = Executors.newFixedThreadPool(readers);
    }

    void start() {
        for (int i = 0; i < this.clients.size(); i++) {
            HttpClient client = this.clients.get(i);
            int reader = i;
            this.threads.execute(() -> {
                for (int n = 0; n < this.perReader && !this.stopped.get(); n++) {
                    this.answers.add(send(client, reader, n));
                }
            });
        }
    }

    /**
     * Besides the readers, one more report every {@code every}, each sent without waiting for the
     * answers of those before it, until {@link #stop()}; their answers are kept with the others.
     * @param every the time between two arrivals
     */
    void startArrivals(Duration every) {
        this.arrivalClientThreads = Executors.newFixedThreadPool(2);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .executor(this.arrivalClientThreads).build();
        AtomicInteger sent = new AtomicInteger();
        this.arrivals = Executors.newSingleThreadScheduledExecutor();
        this.arrivals.scheduleAtFixedRate(() -> {
            if (this.stopped.get()) {
                return;
            }
            UUID reportId = UUID.randomUUID();
            HttpRequest request = request(reportId, -1, sent.getAndIncrement());
            this.mostArrivalsOpen.accumulateAndGet(this.arrivalsOpen.incrementAndGet(), Math::max);
            long start = System.nanoTime();
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, ex) -> {
                this.answers.add((response != null)
                        ? new Answer(reportId, response.statusCode(), start, System.nanoTime(),
                                response.headers().firstValue("Retry-After").orElse(null))
                        : new Answer(reportId, NO_ANSWER, start, System.nanoTime(), String.valueOf(ex)));
                this.arrivalsOpen.decrementAndGet();
            });
        }, 0, every.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** @return the most arrivals ({@link #startArrivals(Duration)}) that were waiting for their answers at once */
    int mostArrivalsOpen() {
        return this.mostArrivalsOpen.get();
    }

    private Answer send(HttpClient client, int reader, int n) {
        UUID reportId = UUID.randomUUID();
        HttpRequest request = request(reportId, reader, n);
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(reportId, response.statusCode(), start, System.nanoTime(),
                    response.headers().firstValue("Retry-After").orElse(null));
        }
        catch (IOException ex) {
            return new Answer(reportId, NO_ANSWER, start, System.nanoTime(), ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.stopped.set(true);
            return new Answer(reportId, NO_ANSWER, start, System.nanoTime(), ex.toString());
        }
    }

    private HttpRequest request(UUID reportId, int reader, int n) {
        String page = "http://127.0.0.1:" + this.port + "/news/story-" + (n % 5);
        String body = """
                {"reportId":"%s","pageUrl":"%s","pageTitle":"Story","lang":"en","selection":"mispeling",
                 "contextBefore":"The reporter wrote ","contextAfter":" in the headline.","comment":"reader %d"}"""
                .formatted(reportId, page, reader);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/v1/reports"))
                .timeout(CLIENT_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    List<Answer> answers() {
        return List.copyOf(this.answers);
    }

    long count(int status) {
        return this.answers.stream().filter(answer -> answer.status() == status).count();
    }

    /** @return how many answers with this status came after {@code nanoTime} */
    long countAfter(int status, long nanoTime) {
        return this.answers.stream().filter(answer -> answer.status() == status && answer.end() > nanoTime).count();
    }

    /** @return the first answer with this status after {@code nanoTime} */
    Optional<Answer> firstAfter(int status, long nanoTime) {
        return this.answers.stream().filter(answer -> answer.status() == status && answer.end() > nanoTime)
                .min((a, b) -> Long.compare(a.end(), b.end()));
    }

    /** @return the ids of the reports the intake answered 202 */
    Set<UUID> accepted() {
        return this.answers.stream().filter(answer -> answer.status() == 202).map(Answer::reportId)
                .collect(Collectors.toSet());
    }

    /** Stops sending and waits until each reader has its last answer. */
    void stop() throws InterruptedException {
        this.stopped.set(true);
        this.threads.shutdown();
        if (this.arrivals != null) {
            this.arrivals.shutdown();
            this.arrivals.awaitTermination(10, TimeUnit.SECONDS);
        }
        if (!this.threads.awaitTermination(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("readers still waiting for answers after 60 s");
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> this.arrivalsOpen.get() == 0);
        if (this.arrivalClientThreads != null) {
            this.arrivalClientThreads.shutdown();
        }
    }

    @Override
    public void close() throws InterruptedException {
        // Java 17's HttpClient has no close(): its selector thread ends once the client is unreachable
        stop();
        this.clients.clear();
    }

    /**
     * @param reportId the report sent
     * @param status the HTTP status, or {@link #NO_ANSWER}
     * @param start {@link System#nanoTime()} when sent
     * @param end {@link System#nanoTime()} when answered
     * @param detail the Retry-After header, or what went wrong without an answer
     */
    record Answer(UUID reportId, int status, long start, long end, String detail) {

        Duration took() {
            return Duration.ofNanos(this.end - this.start);
        }

    }

}
