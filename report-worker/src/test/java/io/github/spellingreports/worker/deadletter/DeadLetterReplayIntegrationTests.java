package io.github.spellingreports.worker.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.events.Topics;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaOperations;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.support.SendResult;
import org.springframework.kafka.support.serializer.JacksonJsonSerializer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.util.unit.DataSize;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Dead letters end to end: a record the database refuses goes to the DLT, a replay before the fix
 * comes back as a new dead letter, a replay after the fix is stored once.
 */
class DeadLetterReplayIntegrationTests extends WorkerIntegrationTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(30);


    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    KafkaProperties kafka;

    @Autowired
    KafkaOperations<?, ?> template;

    @Autowired
    ProducerFactory<?, ?> producerFactory;

    @Autowired
    DeadLetterLedger ledger;

    @Autowired
    PlatformTransactionManager transactionManager;

    @LocalServerPort
    int port;

    private RestClient api;

    private KafkaProducer<String, byte[]> producer;

    @BeforeEach
    void connect() {
        this.api = RestClient.builder().baseUrl("http://127.0.0.1:" + this.port)
                .defaultHeaders((headers) -> headers.setBasicAuth(ADMIN_USERNAME, ADMIN_PASSWORD)).build();
        this.producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                this.broker.getBrokersAsString()), new StringSerializer(), new ByteArraySerializer());
        // A defect the operator can fix: the database refuses errors of these pages (not an outage,
        // so the record is dead-lettered after the bounded retries).
        this.jdbc.sql("""
                create or replace function refuse_replay_test_pages() returns trigger language plpgsql as $$
                begin
                    raise exception 'page refused by test trigger';
                end $$
                """).update();
        this.jdbc.sql("""
                create trigger refuse_replay_test_pages before insert on spelling_error for each row
                when (new.page_url like 'https://news.example.com/refused-%')
                execute function refuse_replay_test_pages()
                """).update();
    }

    @AfterEach
    void disconnect() {
        fix();
        this.producer.close();
    }

    private void fix() {
        this.jdbc.sql("drop trigger if exists refuse_replay_test_pages on spelling_error").update();
    }

    @Test
    void replayAfterTheFixStoresTheReportOnceAndAReplayThatFailsAgainComesBackAtANewOffset() throws Exception {
        SpellingErrorReported report = report("https://news.example.com/refused-" + UUID.randomUUID());
        send(report.dedupKey(), json(report));

        DeadLetter first = awaitDeadLetter(report.dedupKey(), -1);
        assertThat(first.originalTopic()).isEqualTo(Topics.REPORTS);
        // PostgreSQL's own message, not Spring's translation with the statement's SQL in front of it
        assertThat(first.reason()).startsWith("Record not stored; ERROR: page refused by test trigger");
        assertThat(first.cause()).isEqualTo("org.postgresql.util.PSQLException");
        assertThat(first.payload()).contains(report.reportId().toString());
        assertThat(first.handled()).isNull();

        // replayed before the fix: it fails again and lands in the DLT again, at a new offset
        assertThat(post(replay(first)).status()).isEqualTo(200);
        DeadLetter second = awaitDeadLetter(report.dedupKey(), first.offset());
        assertThat(second.partition()).isEqualTo(first.partition());
        assertThat(list(false)).noneMatch((letter) -> letter.offset() == first.offset()
                && letter.partition() == first.partition());
        assertThat(list(true)).anySatisfy((letter) -> {
            assertThat(letter.offset()).isEqualTo(first.offset());
            assertThat(letter.handled()).isEqualTo("REPLAYED");
        });
        assertThat(post(replay(first)).status()).as("a handled dead letter is not replayed twice").isEqualTo(409);

        fix();
        assertThat(post(replay(second)).status()).isEqualTo(200);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(reportCount(report.pageUrl())).containsExactly(1));
        assertThat(list(false)).noneMatch((letter) -> report.dedupKey().equals(letter.key()));
    }

    @Test
    void discardedDeadLetterIsHiddenAndUnknownOnesAreNotFound() throws Exception {
        String key = DedupKey.of("https://news.example.com/" + UUID.randomUUID(), "a", "b", "c");
        byte[] notJson = "{\"schemaVersion\":1,\u0001".getBytes(StandardCharsets.UTF_8);
        send(key, notJson);
        DeadLetter letter = awaitDeadLetter(key, -1);
        assertThat(letter.payload()).isEqualTo("{\"schemaVersion\":1,\\u0001");
        assertThat(letter.exception()).endsWith("DeserializationException");

        String discard = "/api/v1/dead-letters/" + letter.partition() + "/" + letter.offset() + "/discard";
        assertThat(post(discard).status()).isEqualTo(200);
        assertThat(list(false)).noneMatch((listed) -> key.equals(listed.key()));
        assertThat(post(discard).status()).isEqualTo(409);
        Response unknown = post("/api/v1/dead-letters/" + letter.partition() + "/999999/replay");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"title\":\"Dead letter not found\"");
    }

    @Test
    void replayAllReplaysEveryUnhandledOne() throws Exception {
        SpellingErrorReported report = report("https://news.example.com/refused-" + UUID.randomUUID());
        DeadLetter letter = deadLetteredThenFixed(report);
        Response replayed = post("/api/v1/dead-letters/replay-all");
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body()).contains("\"partition\":" + letter.partition() + ",\"offset\":" + letter.offset());
        // other tests' poison records are replayed too and may come back as new dead letters: look at ours
        assertThat(list(false)).noneMatch((listed) -> listed.partition() == letter.partition()
                && listed.offset() == letter.offset());
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(reportCount(report.pageUrl())).containsExactly(1));
    }

    /**
     * Kafka acknowledged the replay after the replay stopped waiting for it (read-timeout): the
     * answer said "nothing was recorded, try again", though the record was delivered and stored.
     */
    @Test
    void replayAcknowledgedTooLateSaysItMayHaveBeenReplayed() throws Exception {
        SpellingErrorReported report = report("https://news.example.com/refused-" + UUID.randomUUID());
        DeadLetter letter = deadLetteredThenFixed(report);
        DeadLetterService impatient = service(lateKafka(), 200, Duration.ofSeconds(1));

        assertThatExceptionOfType(ErrorResponseException.class)
                .isThrownBy(() -> impatient.replay(letter.partition(), letter.offset(), ADMIN_USERNAME))
                .satisfies((ex) -> assertThat(ex.getBody().getDetail()).contains("may still have been replayed")
                        .doesNotContain("nothing was"));
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(reportCount(report.pageUrl())).containsExactly(1));
    }

    /** The worker's producer, sending each record two seconds late (a broker slow to acknowledge). */
    @SuppressWarnings("unchecked")
    private KafkaTemplate<Object, Object> lateKafka() {
        return new KafkaTemplate<>((ProducerFactory<Object, Object>) this.producerFactory) {

            @Override
            public CompletableFuture<SendResult<Object, Object>> send(ProducerRecord<Object, Object> record) {
                return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(2, TimeUnit.SECONDS))
                        .thenCompose((late) -> super.send(record));
            }

        };
    }

    /**
     * Three letters in one partition, two listed per partition: the list and "Replay all" read only
     * the newest two records, so the oldest was never listed nor replayed (and Kafka's retention
     * deleted it later).
     */
    @Test
    void replayAllReachesUnhandledLettersOlderThanTheListedOnes() throws Exception {
        DeadLetterService twoPerPartition = service(this.template, 2, Duration.ofSeconds(5));
        String page = "https://news.example.com/refused-" + UUID.randomUUID();
        List<SpellingErrorReported> reports = List.of(report(page), report(page), report(page));
        for (SpellingErrorReported report : reports) {
            send(report.dedupKey(), json(report));
        }
        String key = reports.get(0).dedupKey();
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(list(false))
                .filteredOn((letter) -> key.equals(letter.key())).hasSize(3));
        DeadLetterService.Listing listing = twoPerPartition.list(false);
        List<DeadLetter> ours = listing.letters().stream().filter((letter) -> key.equals(letter.key())).toList();
        assertThat(ours).hasSize(2);
        assertThat(listing.notListed()).isPositive();

        fix();
        twoPerPartition.replayAll(ADMIN_USERNAME);
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(reportCount(page)).containsExactly(3));
        assertThat(twoPerPartition.list(false).letters()).noneMatch((letter) -> key.equals(letter.key()));
    }

    /** Sends a report the database refuses and removes the cause once it is dead-lettered. */
    private DeadLetter deadLetteredThenFixed(SpellingErrorReported report) throws Exception {
        send(report.dedupKey(), json(report));
        DeadLetter letter = awaitDeadLetter(report.dedupKey(), -1);
        fix();
        return letter;
    }

    /** A service of the context's parts but its own settings and producer. */
    private DeadLetterService service(KafkaOperations<?, ?> kafka, int maxPerPartition, Duration readTimeout) {
        return new DeadLetterConfiguration().deadLetterService(this.kafka, kafka, this.ledger, this.transactionManager,
                new DeadLetterProperties(maxPerPartition, DataSize.ofKilobytes(4), readTimeout), new SimpleMeterRegistry());
    }

    private DeadLetter awaitDeadLetter(String key, long after) {
        return await().atMost(PATIENCE).until(() -> list(false).stream()
                .filter((letter) -> key.equals(letter.key()) && letter.offset() > after)
                .findFirst().orElse(null), (letter) -> letter != null);
    }

    private List<DeadLetter> list(boolean all) {
        return this.api.get().uri("/api/v1/dead-letters?all=" + all).retrieve()
                .body(new ParameterizedTypeReference<List<DeadLetter>>() {
                });
    }

    private static String replay(DeadLetter letter) {
        return "/api/v1/dead-letters/" + letter.partition() + "/" + letter.offset() + "/replay";
    }

    private Response post(String uri) {
        return this.api.post().uri(uri).exchange((request, response) -> new Response(response.getStatusCode().value(),
                response.bodyTo(String.class)), true);
    }

    private List<Integer> reportCount(String pageUrl) {
        return this.jdbc.sql("select report_count from spelling_error where page_url = :page").param("page", pageUrl)
                .query(Integer.class).list();
    }

    private void send(String key, byte[] value) throws Exception {
        this.producer.send(new ProducerRecord<>(Topics.REPORTS, key, value)).get(30, TimeUnit.SECONDS);
    }

    private static SpellingErrorReported report(String page) {
        return new SpellingErrorReported(SpellingErrorReported.CURRENT_SCHEMA_VERSION, UUID.randomUUID(),
                DedupKey.of(page, "The ", "teh", " end."), page, "Replay", "en", "teh", "The ", " end.", null,
                Instant.now(), "h4sh");
    }

    private static byte[] json(SpellingErrorReported report) {
        JacksonJsonSerializer<SpellingErrorReported> json = new JacksonJsonSerializer<>();
        json.setAddTypeInfo(false);
        return json.serialize(Topics.REPORTS, report);
    }

    record Response(int status, String body) {
    }

}
