package io.github.spellingreports.worker.queue;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariDataSource;
import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.worker.EmbeddedPostgresSupport;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static io.github.spellingreports.worker.queue.PipelineScenarios.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.awaitility.Awaitility.await;

/**
 * A database outage must not cost a report: while PostgreSQL cannot be reached, goes silent or only
 * reads, the record is retried, not dead-lettered, and it is stored exactly once when the database
 * is back; meanwhile the API and the console answer 503. The application reaches a database of its
 * own on the shared embedded PostgreSQL through a {@link TcpProxy} the test cuts or silences; this
 * needs its own context (the one other than the shared one).
 */
@Import(ReportPipelineDatabaseOutageIntegrationTests.ThroughProxy.class)
// its own context, useless to others once the proxy is closed: close it rather than cache it
@DirtiesContext
// fail fast while the database is away or silent, and come back quickly once it returns
@TestPropertySource(properties = { "spring.datasource.hikari.connection-timeout=1000",
        "spring.datasource.hikari.validation-timeout=250", "spelling.worker.database-socket-timeout=2s",
        "spelling.worker.pipeline.outage-max-interval=2s",
        // the digest gauges are read every second: several reads fail during an outage
        "spelling.worker.lag.interval=1s" })
class ReportPipelineDatabaseOutageIntegrationTests extends WorkerIntegrationTestSupport {

    /** A database of its own: the read-only test changes it for every session that starts. */
    private static final String DATABASE_URL = EmbeddedPostgresSupport.separateDatabase("pipeline_outage");

    private static final URI DATABASE = URI.create(DATABASE_URL.substring("jdbc:".length()));

    private static final TcpProxy proxy = new TcpProxy(DATABASE.getHost(), DATABASE.getPort());

    /** Longer than the bounded retries of an ordinary failure would take to dead-letter the record. */
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    // not the spring.kafka.bootstrap-servers property: @EmbeddedKafka publishes it as a system
    // property, which the broker of another cached context overwrites
    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    WebApplicationContext context;

    @Autowired
    MeterRegistry registry;

    @Value("${spring.kafka.consumer.group-id}")
    String group;

    @AfterAll
    static void stopProxy() {
        proxy.close();
    }

    @Test
    void reportSentDuringADatabaseOutageIsStoredOnceWhenTheDatabaseIsBack() throws Exception {
        SpellingErrorReported report = Reports.report(Reports.uniquePage(), "teh");
        try (ReportProducer producer = new ReportProducer(this.broker.getBrokersAsString());
                DeadLetters deadLetters = new DeadLetters(this.broker.getBrokersAsString())) {
            proxy.cut();
            RecordMetadata sent;
            try {
                sent = producer.send(report);
                await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5)).untilAsserted(() -> {
                    assertThat(deadLetters.withKey(report.dedupKey())).extracting(DeadLetters::describe).isEmpty();
                    assertThat(storedCopies(report.reportId())).isZero();
                    assertThat(committedOffset(sent)).as("the group's offset, not past a record not stored")
                            .isLessThanOrEqualTo(sent.offset());
                });
            }
            finally {
                proxy.restore();
            }
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(storedCopies(report.reportId())).isEqualTo(1));
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(committedOffset(sent)).isGreaterThan(sent.offset()));
            assertThat(reportCount(report.dedupKey())).isEqualTo(1);
            assertThat(deadLetters.withKey(report.dedupKey())).extracting(DeadLetters::describe).isEmpty();
        }
    }

    /**
     * A record first caught in an outage that the database refuses itself once it is back (a NUL in
     * its comment, as a producer other than the intake may send) is dead-lettered after its few
     * retries, and the reports behind it on its partition are stored. It had kept the outage's
     * back-off: retried for ever, its partition stalled behind it.
     */
    @Test
    void aRecordTheDatabaseRefusesOnceItIsBackIsDeadLetteredAfterTheOutage() throws Exception {
        String page = Reports.uniquePage();
        SpellingErrorReported refused = Reports.report(page, "The quick brown fox ", "teh", " over the lazy dog.", "a\u0000b",
                Instant.now());
        // the same error: the same key, the same partition, behind it
        SpellingErrorReported behind = Reports.report(page, "teh");
        try (ReportProducer producer = new ReportProducer(this.broker.getBrokersAsString());
                DeadLetters deadLetters = new DeadLetters(this.broker.getBrokersAsString())) {
            double failures = listenerFailures();
            proxy.cut();
            try {
                producer.send(refused);
                await().atMost(PATIENCE).until(() -> listenerFailures() > failures);
            }
            finally {
                proxy.restore();
            }
            producer.send(behind);
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(storedCopies(behind.reportId())).isEqualTo(1));
            assertThat(deadLetters.withKey(refused.dedupKey())).hasSize(1);
            assertThat(storedCopies(refused.reportId())).isZero();
        }
    }

    /** @return the listener's failed invocations so far (Spring Kafka's listener timer) */
    private double listenerFailures() {
        return this.registry.find("spring.kafka.listener").tag("result", "failure").timers().stream()
                .mapToDouble(io.micrometer.core.instrument.Timer::count).sum();
    }

    /**
     * A database that stops answering without closing its connections (a fail-over that leaves
     * them open, packets dropped) must not hang the consumer for as long as the kernel keeps
     * retransmitting (about 15 minutes): the statement in flight gives up after the pool's socket
     * timeout, the poll is retried on a new connection, and every report is stored once.
     */
    @Test
    void reportsInFlightWhenTheDatabaseStopsAnsweringAreStoredOnceOnNewConnections() throws Exception {
        String page = Reports.uniquePage();
        AtomicInteger sent = new AtomicInteger();
        AtomicBoolean sending = new AtomicBoolean(true);
        try (ReportProducer producer = new ReportProducer(this.broker.getBrokersAsString())) {
            // a steady stream keeps the consumer's connection in use, so that its next statement
            // goes out on it without the pool checking it first
            CompletableFuture<Void> stream = CompletableFuture.runAsync(() -> {
                while (sending.get()) {
                    producer.send(Reports.report(page, "teh" + sent.getAndIncrement()));
                }
            });
            try {
                await().atMost(PATIENCE).until(() -> storedOnPage(page) >= 10);
                proxy.silenceOpenConnections();
                int silencedAt = sent.get();
                await().atMost(PATIENCE).until(() -> sent.get() >= silencedAt + 20);
            }
            finally {
                sending.set(false);
                stream.get(10, TimeUnit.SECONDS);
            }
        }
        // none lost (a dead letter would be missing here), none counted twice
        await().atMost(PATIENCE).untilAsserted(() -> assertThat(storedOnPage(page)).isEqualTo(sent.get()));
        assertThat(queryInt("select count(*) from spelling_error where page_url = ? and report_count <> 1", page))
                .isZero();
    }

    /**
     * A fail-over can land the worker on a server that is still a read-only standby for a while
     * (or the database is set read-only for maintenance): every write then fails with SQLSTATE
     * 25006. That is the database's state, not the record's fault: the record waits, is not
     * dead-lettered, and is stored once when writes are accepted again.
     */
    @Test
    void reportSentWhileTheDatabaseIsReadOnlyIsStoredOnceWhenItAcceptsWritesAgain() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
        SpellingErrorReported earlier = Reports.report(Reports.uniquePage(), "teh");
        SpellingErrorReported report = Reports.report(Reports.uniquePage(), "teh");
        try (ReportProducer producer = new ReportProducer(this.broker.getBrokersAsString());
                DeadLetters deadLetters = new DeadLetters(this.broker.getBrokersAsString())) {
            producer.send(earlier);
            await().atMost(PATIENCE).until(() -> storedCopies(earlier.reportId()) == 1);
            long earlierError = queryInt("select id from spelling_error where dedup_key = ?", earlier.dedupKey());
            setReadOnly(true);
            try {
                producer.send(report);
                await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5)).untilAsserted(() -> {
                    assertThat(deadLetters.withKey(report.dedupKey())).extracting(DeadLetters::describe).isEmpty();
                    assertThat(storedCopies(report.reportId())).isZero();
                });
                // the queue can be read, not changed
                mvc.perform(get("/api/v1/errors/{id}", earlierError).with(httpBasic(ADMIN_USERNAME, ADMIN_PASSWORD)))
                        .andExpect(status().isOk());
                mvc.perform(post("/api/v1/errors/{id}/status", earlierError).with(httpBasic(ADMIN_USERNAME, ADMIN_PASSWORD))
                        .contentType(MediaType.APPLICATION_JSON).content("{\"status\":\"FIXED\"}"))
                        .andExpect(status().isServiceUnavailable())
                        .andExpect(jsonPath("$.title").value("Database unavailable"));
            }
            finally {
                setReadOnly(false);
            }
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(storedCopies(report.reportId())).isEqualTo(1));
            assertThat(reportCount(report.dedupKey())).isEqualTo(1);
            assertThat(deadLetters.withKey(report.dedupKey())).extracting(DeadLetters::describe).isEmpty();
        }
    }

    /**
     * A scrape must answer while the database is away, with the digest gauges' last values: were
     * they read on the scrape, each would wait for a connection, the scrape would outlast
     * Prometheus' timeout, and every meter of the worker would be lost with it.
     */
    @Test
    void digestGaugesKeepTheirLastValuesWhileTheDatabaseIsAway() {
        Gauge pending = this.registry.get("spelling.digest.pending").gauge();
        Gauge lastSuccess = this.registry.get("spelling.digest.last.success").gauge();
        await().atMost(PATIENCE).until(() -> !Double.isNaN(pending.value()) && !Double.isNaN(lastSuccess.value()));
        double pendingBefore = pending.value();
        double lastSuccessBefore = lastSuccess.value();
        proxy.cut();
        try {
            // read at once (a read on the scrape waited for a connection, and was NaN), and after failed reads
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(pending.value()).isEqualTo(pendingBefore);
                assertThat(lastSuccess.value()).isEqualTo(lastSuccessBefore);
            });
        }
        finally {
            proxy.restore();
        }
    }

    /**
     * While the database is away the API and the console say so, with a 503 that asks the client
     * to come back, rather than a 500; and they work again once it is back.
     */
    @Test
    void apiAndConsoleAnswer503WhileTheDatabaseIsAway() throws Exception {
        MockMvc mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
        proxy.cut();
        try {
            mvc.perform(get("/api/v1/errors").with(httpBasic(ADMIN_USERNAME, ADMIN_PASSWORD)))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string(HttpHeaders.RETRY_AFTER, "10"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.title").value("Database unavailable"))
                    .andExpect(jsonPath("$.detail").value("The database is unavailable; try again in a few seconds."));
            // an editor's account is looked up on every console request: that look-up fails too
            String page = mvc.perform(get("/console/queue").with(user("editor-during-outage").roles("EDITOR")))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string(HttpHeaders.RETRY_AFTER, "10"))
                    .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_HTML))
                    .andReturn().getResponse().getContentAsString();
            assertThat(Jsoup.parse(page).selectFirst("h1").text()).isEqualTo("Database unavailable");
            assertThat(Jsoup.parse(page).selectFirst(".who").text()).isEqualTo("editor-during-outage");
            // a login whose account cannot be read is not called a wrong password; the configured admin's can be
            double errors = this.registry.get("spelling.authentications").tag("outcome", "error").counter().count();
            mvc.perform(formLogin("/console/login").user("editor-during-outage").password("right or wrong"))
                    .andExpect(unauthenticated()).andExpect(redirectedUrl("/console/login?unavailable"));
            assertThat(this.registry.get("spelling.authentications").tag("outcome", "error").counter().count())
                    .isEqualTo(errors + 1);
            mvc.perform(get("/console/login").param("unavailable", "")).andExpect(status().isOk())
                    .andExpect(content().string(containsString("The database cannot be reached right now")));
            mvc.perform(formLogin("/console/login").user(ADMIN_USERNAME).password(ADMIN_PASSWORD))
                    .andExpect(authenticated().withUsername(ADMIN_USERNAME));
            mvc.perform(get("/api/v1/errors").with(httpBasic("editor-during-outage", "right or wrong")))
                    .andExpect(status().isServiceUnavailable())
                    .andExpect(header().string(HttpHeaders.RETRY_AFTER, "10"))
                    .andExpect(jsonPath("$.title").value("Database unavailable"))
                    .andExpect(jsonPath("$.detail").value("The database is unavailable; try again in a few seconds."));
        }
        finally {
            proxy.restore();
        }
        await().atMost(PATIENCE).untilAsserted(() -> mvc
                .perform(get("/console/queue").with(user("editor-during-outage").roles("EDITOR")))
                .andExpect(status().isOk()));
        mvc.perform(get("/api/v1/errors").with(httpBasic(ADMIN_USERNAME, ADMIN_PASSWORD))).andExpect(status().isOk());
    }

    /**
     * Points the application's pool at the proxy. Done on the bean rather than with a property:
     * the base class's {@code @DynamicPropertySource} for the URL would take precedence.
     */
    @TestConfiguration(proxyBeanMethods = false)
    static class ThroughProxy {

        @Bean
        static BeanPostProcessor dataSourceThroughProxy() {
            return new BeanPostProcessor() {
                @Override
                public Object postProcessBeforeInitialization(Object bean, String beanName) {
                    if (bean instanceof HikariDataSource dataSource) {
                        dataSource.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + DATABASE.getPath()
                                + "?" + DATABASE.getQuery());
                    }
                    return bean;
                }
            };
        }

    }

    /**
     * Sessions that start from now on are read-only, or not; the application's open connections
     * are dropped (as by a fail-over), so that its new ones start that way.
     */
    private static void setReadOnly(boolean readOnly) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE_URL);
                Statement statement = connection.createStatement()) {
            // this session may have started read-only itself
            statement.execute("set session characteristics as transaction read write");
            statement.execute("alter database " + DATABASE.getPath().substring(1)
                    + " set default_transaction_read_only = " + (readOnly ? "on" : "off"));
        }
        proxy.cut();
        proxy.restore();
    }

    // straight to the database, around the proxy the application uses
    private static int storedCopies(UUID reportId) throws SQLException {
        return queryInt("select count(*) from report where report_id = ?", reportId);
    }

    private static int storedOnPage(String page) throws SQLException {
        return queryInt("select count(*) from report r join spelling_error e on e.id = r.error_id where e.page_url = ?",
                page);
    }

    private static int reportCount(String dedupKey) throws SQLException {
        return queryInt("select report_count from spelling_error where dedup_key = ?", dedupKey);
    }

    private static int queryInt(String sql, Object parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(DATABASE_URL);
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

    /** @return the offset the worker's group committed on the record's partition, -1 for none */
    private long committedOffset(RecordMetadata record) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()))) {
            OffsetAndMetadata committed = admin.listConsumerGroupOffsets(this.group).partitionsToOffsetAndMetadata()
                    .get(30, TimeUnit.SECONDS).get(new TopicPartition(record.topic(), record.partition()));
            return (committed != null) ? committed.offset() : -1;
        }
    }

}
