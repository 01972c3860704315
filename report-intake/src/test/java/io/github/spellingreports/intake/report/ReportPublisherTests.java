package io.github.spellingreports.intake.report;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import io.github.spellingreports.intake.config.IntakeMeters;
import io.github.spellingreports.intake.config.IntakeProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class ReportPublisherTests {

    @SuppressWarnings("unchecked")
    private final KafkaTemplate<String, SpellingErrorReported> kafka = mock(KafkaTemplate.class);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private final ReportPublisher publisher = new ReportPublisher(kafka, new IntakeProperties(
            List.of("https://news.example"), Duration.ofMillis(200), Duration.ofSeconds(5), 20, "", DataSize.ofKilobytes(16), 3,
            null, List.of()), new IntakeMeters(registry));

    private final SpellingErrorReported report = new SpellingErrorReported(1, UUID.randomUUID(), "k".repeat(64),
            "https://news.example/a", null, "en", "Kazakstan", "", "", null, Instant.now(), null);

    @Test
    void reportIsSentToTheReportsTopicKeyedByItsDedupKey() {
        given(kafka.send(Topics.REPORTS, report.dedupKey(), report)).willReturn(CompletableFuture.completedFuture(acknowledged()));

        assertThat(publisher.publish(report)).succeedsWithin(Duration.ofSeconds(5));

        verify(kafka).send(Topics.REPORTS, report.dedupKey(), report);
        assertThat(registry.get("spelling.intake.publish").tag("outcome", "acknowledged").timer().count()).isOne();
        assertThat(registry.get("spelling.intake.publish").tag("outcome", "unavailable").timer().count()).isZero();
    }

    @Test
    void publishCompletesOnlyOnceTheBrokerAcknowledged() {
        CompletableFuture<SendResult<String, SpellingErrorReported>> ack = new CompletableFuture<>();
        given(kafka.send(Topics.REPORTS, report.dedupKey(), report)).willReturn(ack);
        ReportPublisher patient = new ReportPublisher(kafka, new IntakeProperties(List.of("https://news.example"),
                Duration.ofMinutes(1), Duration.ofSeconds(5), 20, "", DataSize.ofKilobytes(16), 3, null, List.of()),
                new IntakeMeters(registry));

        CompletableFuture<Void> published = patient.publish(report);

        assertThat(published).isNotDone();
        ack.complete(acknowledged());
        assertThat(published).isCompleted();
    }

    @Test
    void unacknowledgedSendFailsAfterThePublishTimeout() {
        given(kafka.send(Topics.REPORTS, report.dedupKey(), report)).willReturn(new CompletableFuture<>());

        long start = System.nanoTime();
        assertThatExceptionOfType(ReportNotPublishedException.class).isThrownBy(() -> outcome(publisher.publish(report)))
                .satisfies(ex -> {
                    assertThat(ex.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5");
                });
        // Correctness bound of the timeout (200 ms), generous against slow machines: it must not wait unbounded.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void failedSendIsNotPublished() {
        given(kafka.send(Topics.REPORTS, report.dedupKey(), report))
                .willReturn(CompletableFuture.failedFuture(new TimeoutException("metadata not available")));

        assertThatExceptionOfType(ReportNotPublishedException.class).isThrownBy(() -> outcome(publisher.publish(report)));
        assertThat(registry.get("spelling.intake.publish").tag("outcome", "unavailable").timer().count()).isOne();
        assertThat(registry.get("spelling.intake.reports").tag("outcome", "rejected_unavailable").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void sendThatThrowsIsNotPublished() {
        given(kafka.send(Topics.REPORTS, report.dedupKey(), report))
                .willThrow(new org.springframework.kafka.KafkaException("producer closed"));

        assertThatExceptionOfType(ReportNotPublishedException.class).isThrownBy(() -> outcome(publisher.publish(report)));
    }

    @Test
    void reportBeyondThePublishConcurrencyIsAnswered503AfterAShortWaitWhileSendsBlock() throws Exception {
        // the broker away: send() waits for metadata (up to max.block.ms) on the request thread
        Semaphore brokerAnswers = sendsWaitFor();
        ReportPublisher bounded = twoSendsAtOnce();
        ExecutorService requestThreads = Executors.newFixedThreadPool(2);
        try {
            List<java.util.concurrent.Future<CompletableFuture<Void>>> waiting = List.of(
                    requestThreads.submit(() -> bounded.publish(report)), requestThreads.submit(() -> bounded.publish(report)));
            await().atMost(Duration.ofSeconds(10)).until(() -> mockingDetails(kafka).getInvocations().size() == 2);

            CompletableFuture<Void> third = bounded.publish(report);

            assertThat(third).as("answered after the grace, not after the blocked sends").isCompletedExceptionally();
            assertThatExceptionOfType(ReportNotPublishedException.class).isThrownBy(() -> outcome(third))
                    .satisfies(ex -> assertThat(ex.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("5"));
            assertThat(registry.get("spelling.intake.reports").tag("outcome", "rejected_unavailable").counter().count())
                    .isEqualTo(1.0);
            verify(kafka, times(2)).send(Topics.REPORTS, report.dedupKey(), report);

            brokerAnswers.release(100);
            for (java.util.concurrent.Future<CompletableFuture<Void>> request : waiting) {
                assertThat(request.get(10, TimeUnit.SECONDS)).succeedsWithin(Duration.ofSeconds(5));
            }
            assertThat(bounded.publish(report)).as("sent again once a send returned").succeedsWithin(Duration.ofSeconds(5));
            verify(kafka, times(3)).send(Topics.REPORTS, report.dedupKey(), report);
        }
        finally {
            brokerAnswers.release(100);
            requestThreads.shutdownNow();
        }
    }

    /** Under load or with a cold JIT more threads than the bound may be in send() for a moment, the broker answering. */
    @Test
    void aReportBeyondThePublishConcurrencyTakesAPlaceThatComesFreeWithinTheGrace() throws Exception {
        Semaphore brokerAnswers = sendsWaitFor();
        ReportPublisher bounded = twoSendsAtOnce();
        ExecutorService requestThreads = Executors.newFixedThreadPool(3);
        try {
            requestThreads.submit(() -> bounded.publish(report));
            requestThreads.submit(() -> bounded.publish(report));
            await().atMost(Duration.ofSeconds(10)).until(() -> mockingDetails(kafka).getInvocations().size() == 2);
            AtomicReference<Thread> third = new AtomicReference<>();
            java.util.concurrent.Future<CompletableFuture<Void>> waiting = requestThreads.submit(() -> {
                third.set(Thread.currentThread());
                return bounded.publish(report);
            });
            // waiting for a place, not refused
            await().atMost(Duration.ofSeconds(10)).until(() -> third.get() != null
                    && third.get().getState() == Thread.State.TIMED_WAITING);

            brokerAnswers.release(3);

            assertThat(waiting.get(10, TimeUnit.SECONDS)).succeedsWithin(Duration.ofSeconds(5));
            verify(kafka, times(3)).send(Topics.REPORTS, report.dedupKey(), report);
            assertThat(registry.get("spelling.intake.reports").tag("outcome", "rejected_unavailable").counter().count())
                    .isZero();
        }
        finally {
            brokerAnswers.release(100);
            requestThreads.shutdownNow();
        }
    }

    /**
     * @return what each send() waits for before it returns acknowledged (at most 30 s): one permit per
     *         send, as when the broker's metadata comes
     */
    private Semaphore sendsWaitFor() {
        Semaphore brokerAnswers = new Semaphore(0);
        given(kafka.send(Topics.REPORTS, report.dedupKey(), report)).willAnswer(invocation -> {
            brokerAnswers.tryAcquire(30, TimeUnit.SECONDS);
            return CompletableFuture.completedFuture(acknowledged());
        });
        return brokerAnswers;
    }

    /** A publisher that lets two request threads into send() at once, with a publish timeout of a minute. */
    private ReportPublisher twoSendsAtOnce() {
        return new ReportPublisher(kafka, new IntakeProperties(List.of("https://news.example"), Duration.ofMinutes(1),
                Duration.ofSeconds(5), 2, "", DataSize.ofKilobytes(16), 3, null, List.of()), new IntakeMeters(registry));
    }

    private SendResult<String, SpellingErrorReported> acknowledged() {
        return new SendResult<>(new ProducerRecord<>(Topics.REPORTS, report.dedupKey(), report),
                new RecordMetadata(new TopicPartition(Topics.REPORTS, 0), 0, 0, 0, 0, 0));
    }

    /** Waits for the publish outcome (bounded: the publisher's own timeout ends it) and throws its failure as such. */
    private static void outcome(CompletableFuture<Void> published) {
        try {
            published.join();
        }
        catch (CompletionException ex) {
            throw (RuntimeException) ex.getCause();
        }
    }

}
