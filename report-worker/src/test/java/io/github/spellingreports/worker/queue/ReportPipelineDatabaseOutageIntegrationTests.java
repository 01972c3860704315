package io.github.spellingreports.worker.queue;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import io.github.spellingreports.events.SpellingErrorReported;
import io.github.spellingreports.worker.EmbeddedPostgresSupport;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
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
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.awaitility.Awaitility.await;

/**
 * A database outage must not cost a report: while PostgreSQL cannot be reached the record is
 * retried, not dead-lettered, and it is stored exactly once when the database is back; meanwhile
 * the API and the console answer 503. The
 * application reaches the shared embedded PostgreSQL through a {@link TcpProxy} the test cuts;
 * this needs its own context (the one other than the shared one).
 */
@Import(ReportPipelineDatabaseOutageIntegrationTests.ThroughProxy.class)
// its own context, useless to others once the proxy is closed: close it rather than cache it
@DirtiesContext
// fail fast while the database is away, and come back quickly once it returns
@TestPropertySource(properties = { "spring.datasource.hikari.connection-timeout=1000",
        "spelling.worker.pipeline.outage-max-interval=2s" })
class ReportPipelineDatabaseOutageIntegrationTests extends WorkerIntegrationTestSupport {

    private static final URI DATABASE = URI.create(EmbeddedPostgresSupport.jdbcUrl().substring("jdbc:".length()));

    private static final TcpProxy proxy = new TcpProxy(DATABASE.getHost(), DATABASE.getPort());

    /** Longer than the bounded retries of an ordinary failure would take to dead-letter the record. */
    private static final Duration OUTAGE = Duration.ofSeconds(8);

    // not the spring.kafka.bootstrap-servers property: @EmbeddedKafka publishes it as a system
    // property, which the broker of another cached context overwrites
    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    WebApplicationContext context;

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
            try {
                producer.send(report);
                await().during(OUTAGE).atMost(OUTAGE.plusSeconds(5)).untilAsserted(() -> {
                    assertThat(deadLetters.withKey(report.dedupKey())).extracting(DeadLetters::describe).isEmpty();
                    assertThat(storedCopies(report.reportId())).isZero();
                });
            }
            finally {
                proxy.restore();
            }
            await().atMost(PATIENCE).untilAsserted(() -> assertThat(storedCopies(report.reportId())).isEqualTo(1));
            assertThat(reportCount(report.dedupKey())).isEqualTo(1);
            assertThat(deadLetters.withKey(report.dedupKey())).extracting(DeadLetters::describe).isEmpty();
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

    // straight to the database, around the proxy the application uses
    private static int storedCopies(UUID reportId) throws SQLException {
        return queryInt("select count(*) from report where report_id = ?", reportId);
    }

    private static int reportCount(String dedupKey) throws SQLException {
        return queryInt("select report_count from spelling_error where dedup_key = ?", dedupKey);
    }

    private static int queryInt(String sql, Object parameter) throws SQLException {
        try (Connection connection = DriverManager.getConnection(EmbeddedPostgresSupport.jdbcUrl());
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }

}
