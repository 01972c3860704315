package io.github.spellingreports.standalone.faults;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.spellingreports.testsupport.LoopbackPorts;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The broker goes away while readers send reports (some waiting for their answers, some arriving at
 * a fixed rate whatever the answers), and comes back on the same data and address.
 * The intake must say 503 quickly and never hang a request, and what it answered 202 must reach the
 * worker's queue exactly once.
 */
class BrokerOutageIntegrationTests {

    private static final Logger log = LoggerFactory.getLogger(BrokerOutageIntegrationTests.class);

    private static final int READERS = 6;

    /** Besides the readers, one report every 25 ms (40 a second) whatever the answers: these pile up if anything does. */
    private static final Duration ARRIVAL_EVERY = Duration.ofMillis(25);

    /**
     * The intake's request threads, as the standalone has them (Services). While the broker is away, at most
     * spelling.intake.publish-concurrency (20) wait in the producer's send() for its metadata, the arrivals of a
     * quarter of a second wait for one of them (ReportPublisher.SEND_GRACE), and a few parse requests or
     * write answers (seen: 37 at most): some are always free for the widget and the health checks. Without
     * the bound all 50 were busy, and answers took over 10 s.
     */
    private static final int REQUEST_THREADS = 50;

    /** The architecture's promise: 503 "within a few seconds" of the broker going away. */
    private static final Duration UNAVAILABLE_WITHIN = Duration.ofSeconds(5);

    /** Every request answered within this (publish-timeout is 4 s): a bound on a timeout, not a benchmark. */
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(8);

    @TempDir
    Path dataDir;

    @Test
    void brokerDownAnswers503PromptlyWithoutPileUpAndEveryAcceptedReportIsQueuedOnceAfterwards() throws Exception {
        try (Infrastructure infrastructure = Infrastructure.start(this.dataDir)) {
            int port = LoopbackPorts.free();
            ConfigurableApplicationContext worker = Services.worker(infrastructure);
            ConfigurableApplicationContext intake = Services.intake(infrastructure, port);
            try (Readers readers = new Readers(port, READERS, 5_000)) {
                ThreadPoolExecutor requestThreads = requestThreads(intake);
                readers.start();
                readers.startArrivals(ARRIVAL_EVERY);
                await().atMost(Duration.ofSeconds(60)).until(() -> readers.count(202) >= 100);
                int threadsBefore = liveThreads();

                long stopping = System.nanoTime();
                infrastructure.stopBroker();
                long stopped = System.nanoTime();
                // from the moment the broker began to go away, its own shutdown included
                await().atMost(Duration.ofSeconds(30)).until(() -> readers.firstAfter(503, stopping).isPresent());
                long first503 = readers.firstAfter(503, stopping).orElseThrow().end();
                Duration to503 = Duration.ofNanos(first503 - stopping);
                // the broker runs in this JVM: its threads are gone now, so the outage has its own baseline
                int threadsOutageBegan = liveThreads();
                // the outage lasts three publish timeouts past the first 503, so every reader meets it several times;
                // meanwhile the arrivals keep coming, and the intake's other pages are served
                AtomicInteger busiest = new AtomicInteger();
                AtomicInteger mostThreads = new AtomicInteger();
                HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
                HttpResponse<String> widget = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/widget.js")).timeout(ANSWER_WITHIN).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(widget.statusCode()).as("the widget's script during the outage").isEqualTo(200);
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                    busiest.accumulateAndGet(requestThreads.getActiveCount(), Math::max);
                    mostThreads.accumulateAndGet(liveThreads(), Math::max);
                    return System.nanoTime() - first503 >= Duration.ofSeconds(12).toNanos()
                            && readers.countAfter(503, stopping) >= 5 * READERS;
                });

                long restarting = System.nanoTime();
                infrastructure.startBroker();
                await().atMost(Duration.ofSeconds(60)).until(() -> readers.countAfter(202, restarting) >= 50);
                Duration toAccepted = Duration.ofNanos(readers.firstAfter(202, restarting).orElseThrow().end() - restarting);
                readers.stop();
                int threadsAfter = liveThreads();

                log.info("Broker stop took {} ms; first 503 {} ms after it; first 202 {} ms after the restart began; "
                        + "answers: {} x 202, {} x 503, slowest {} ms; busiest request threads {} with up to {} arrivals "
                        + "waiting for their answers; live threads {} before, {} as the outage began, at most {} during it, "
                        + "{} after", (stopped - stopping) / 1_000_000, to503.toMillis(), toAccepted.toMillis(),
                        readers.count(202), readers.count(503), slowest(readers).toMillis(), busiest.get(),
                        readers.mostArrivalsOpen(), threadsBefore, threadsOutageBegan, mostThreads.get(), threadsAfter);
                assertThat(to503).as("first 503 after the broker stopped").isLessThanOrEqualTo(UNAVAILABLE_WITHIN);
                assertThat(readers.answers()).allSatisfy(answer -> {
                    assertThat(answer.status()).as("%s", answer).isIn(202, 503);
                    assertThat(answer.took()).as("%s", answer).isLessThanOrEqualTo(ANSWER_WITHIN);
                    if (answer.status() == 503) {
                        assertThat(answer.detail()).as("Retry-After of %s", answer).isNotBlank();
                    }
                });
                // a request held past its reader's timeout would show as an answer that is neither 202 nor 503, above
                assertThat(busiest.get()).as("busy request threads: never all of them").isLessThan(REQUEST_THREADS);
                // beyond those let into send(), a report is refused after a quarter of a second rather than waiting
                // max.block.ms for the broker: most 503s are of those (all waited 3 s or more without the bound)
                long refusedSoon = readers.answers().stream()
                        .filter(answer -> answer.status() == 503 && answer.took().toMillis() < 1_000).count();
                assertThat(refusedSoon).as("503s within a second, of %d", readers.count(503))
                        .isGreaterThan(readers.count(503) - refusedSoon);
                assertThat(mostThreads.get()).as("live threads during the outage").isLessThanOrEqualTo(threadsOutageBegan + 20);
                assertThat(threadsAfter).as("live threads after the outage").isLessThanOrEqualTo(threadsBefore + 20);

                QueueTables queue = new QueueTables(infrastructure);
                queue.awaitQueuedOnce(readers.accepted());
                // at-least-once: a report answered 503 may still have reached the broker; stored once then too
                Set<UUID> stored = queue.reportIds().keySet();
                long refusedButStored = readers.answers().stream().filter(answer -> answer.status() == 503)
                        .filter(answer -> stored.contains(answer.reportId())).count();
                log.info("{} of {} reports answered 503 reached the queue anyway", refusedButStored, readers.count(503));
            }
            finally {
                intake.close();
                worker.close();
            }
        }
    }

    /**
     * Live threads but the intake's request threads: their pool grows during the outage with the arrivals
     * (and its idle threads stay a minute), bounded by its size, which the busy count above checks.
     */
    private static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> !thread.getName().matches("http-nio-.*-exec-\\d+")).count();
    }

    private static ThreadPoolExecutor requestThreads(ConfigurableApplicationContext intake) {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) intake).getWebServer();
        return (ThreadPoolExecutor) server.getTomcat().getConnector().getProtocolHandler().getExecutor();
    }

    private static Duration slowest(Readers readers) {
        return readers.answers().stream().map(Readers.Answer::took).max(Duration::compareTo).orElse(Duration.ZERO);
    }

}
