package io.github.spellingreports.worker.console;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.events.DedupKey;
import io.github.spellingreports.events.Topics;
import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.github.spellingreports.worker.deadletter.DeadLetter;
import io.github.spellingreports.worker.deadletter.DeadLetterService;
import io.github.spellingreports.worker.lag.LagMonitor;
import io.github.spellingreports.worker.lag.LagReport;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The ops pages of the console (lag, dead letters) on the shared context: for administrators
 * only, fed by the real lag monitor and a real dead letter.
 */
class OpsConsoleIntegrationTests extends WorkerIntegrationTestSupport {

    private static final RequestPostProcessor ADMIN = user(ADMIN_USERNAME).roles("ADMIN", "EDITOR");

    private static final RequestPostProcessor EDITOR = user("ed").roles("EDITOR");

    @Autowired
    WebApplicationContext context;

    @Autowired
    LagMonitor lagMonitor;

    @Autowired
    DeadLetterService deadLetters;

    @Autowired
    EmbeddedKafkaBroker broker;

    MockMvc mvc;

    @BeforeEach
    void setUp() {
        this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
    }

    @Test
    void editorIsRefusedTheOpsPagesAndDoesNotSeeTheirLinks() throws Exception {
        this.mvc.perform(get("/console/ops/lag").with(EDITOR)).andExpect(status().isForbidden())
                .andExpect(forwardedUrl("/console/denied"));
        this.mvc.perform(get("/console/ops/dead-letters").with(EDITOR)).andExpect(status().isForbidden());
        this.mvc.perform(post("/console/ops/dead-letters/replay-all").with(csrf()).with(EDITOR))
                .andExpect(status().isForbidden());
        this.mvc.perform(post("/console/ops/dead-letters/0/0/discard").with(csrf()).with(EDITOR))
                .andExpect(status().isForbidden());

        Document editorQueue = page("/console/queue", EDITOR);
        assertThat(editorQueue.select("nav.nav a").eachText()).containsExactly("Queue", "Digests", "Account");
        Document adminQueue = page("/console/queue", ADMIN);
        assertThat(adminQueue.select("nav.nav a").eachText()).containsExactly("Queue", "Digests", "Users", "Lag",
                "Dead letters", "Account");
    }

    @Test
    void adminSeesTheLagReportWithItsPartitionsAndAChartOfTheSamples() throws Exception {
        for (int i = 0; i < 3; i++) {
            this.lagMonitor.sample();
        }
        Document lag = page("/console/ops/lag", ADMIN);
        assertThat(lag.select("#partitions tbody tr")).hasSize(3);
        assertThat(lag.select("#partitions tbody tr td:first-child").eachText()).containsExactly("0", "1", "2");
        assertThat(lag.selectFirst("#lag-status").text()).isIn("OK", "WARN", "STALL", "STOP");
        assertThat(lag.selectFirst("#lag-summary").text()).contains("spelling-worker", "spelling-reports");
        Element svg = lag.selectFirst("svg#lag-chart");
        assertThat(svg).isNotNull();
        assertThat(svg.select("polyline.line-records")).isNotEmpty()
                .allSatisfy((line) -> assertThat(line.attr("points")).matches("[0-9.]+,[0-9.]+( [0-9.]+,[0-9.]+)+"));
        assertThat(svg.select("polyline.line-seconds")).isNotEmpty();
        assertThat(svg.select("g.labels-time text")).isNotEmpty();
        assertThat(svg.select("[style]")).as("the console's CSP blocks style attributes").isEmpty();
        assertThat(lag.select("#lag-legend dt").eachText()).containsExactly("OK", "WARN", "STALL", "STOP");
        // the count is the topic's, handled letters included: its link lists them all, not the unhandled only
        assertThat(lag.select("a:contains(in the DLT topic)").attr("href")).isEqualTo("/console/ops/dead-letters?all=true");
    }

    @Test
    void refreshTakesANewSampleAndShowsIt() throws Exception {
        this.lagMonitor.sample();
        var before = this.lagMonitor.latest().orElseThrow().sampledAt();
        Document refreshed = page("/console/ops/lag?fresh=true", ADMIN);
        LagReport fresh = this.lagMonitor.latest().orElseThrow();
        assertThat(fresh.sampledAt()).isAfter(before);
        // the page shows the sample its refresh took (a scheduled one may follow it at any moment,
        // so compare with the sample taken before the refresh, not with the latest one)
        DateTimeFormatter shown = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
        String pageTime = refreshed.selectFirst("#lag-summary time").text();
        assertThat(pageTime).endsWith(" UTC");
        assertThat(pageTime.substring(0, pageTime.length() - 4)).isGreaterThanOrEqualTo(shown.format(before))
                .isLessThanOrEqualTo(shown.format(fresh.sampledAt()));
    }

    @Test
    void deadLetterPageShowsThePayloadEscapedAndReplaysItWithAFlashMessage() throws Exception {
        String key = DedupKey.of("https://news.example.com/" + UUID.randomUUID(), "a", "b", "c");
        String poison = "<script>alert('dead letter')</script> not JSON";
        send(key, poison);
        DeadLetter letter = await().atMost(Duration.ofSeconds(30)).until(() -> this.deadLetters.list(false).letters().stream()
                .filter((listed) -> key.equals(listed.key())).findFirst().orElse(null), (found) -> found != null);
        String id = "#dl-" + letter.partition() + "-" + letter.offset();

        String html = this.mvc.perform(get("/console/ops/dead-letters").with(ADMIN)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(html).contains("&lt;script&gt;alert(&#39;dead letter&#39;)&lt;/script&gt;")
                .doesNotContain("<script>alert(");
        Element article = Jsoup.parse(html).selectFirst(id);
        assertThat(article).isNotNull();
        assertThat(article.selectFirst("pre.payload").text()).isEqualTo(poison);
        assertThat(article.text()).contains(key, "DeserializationException", "spelling-reports, partition");
        assertThat(article.select("form button.replay")).hasSize(1);

        String replay = "/console/ops/dead-letters/" + letter.partition() + "/" + letter.offset() + "/replay";
        this.mvc.perform(post(replay).with(ADMIN)).andExpect(status().isForbidden());
        MvcResult replayed = this.mvc.perform(post(replay).with(csrf()).with(ADMIN))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/console/ops/dead-letters")).andReturn();
        Document after = Jsoup.parse(this.mvc.perform(get("/console/ops/dead-letters").with(ADMIN)
                .flashAttrs(replayed.getFlashMap())).andReturn().getResponse().getContentAsString());
        assertThat(after.selectFirst(".flash-ok").text())
                .startsWith("Dead letter " + letter.partition() + "/" + letter.offset() + " replayed to partition ");
        assertThat(after.select(id)).as("a replayed dead letter leaves the list").isEmpty();
        assertThat(this.deadLetters.list(true).letters()).filteredOn((listed) -> listed.offset() == letter.offset()
                && listed.partition() == letter.partition()).extracting(DeadLetter::handled).containsExactly("REPLAYED");
        Document all = page("/console/ops/dead-letters?all=true", ADMIN);
        assertThat(all.selectFirst(id).attr("data-handled")).isEqualTo("REPLAYED");
        assertThat(all.selectFirst(id).select("form")).isEmpty();

        // a second replay: a readable problem, not an error page
        MvcResult again = this.mvc.perform(post(replay).param("all", "true").with(csrf()).with(ADMIN))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/console/ops/dead-letters?all=true"))
                .andReturn();
        assertThat(again.getFlashMap().get("problem")).asString().startsWith("Dead letter already handled: ");
        MvcResult unknown = this.mvc.perform(post("/console/ops/dead-letters/" + letter.partition() + "/999999/discard")
                .with(csrf()).with(ADMIN)).andExpect(status().isFound()).andReturn();
        assertThat(unknown.getFlashMap().get("problem")).asString().startsWith("Dead letter not found: ");
        Document shown = Jsoup.parse(this.mvc.perform(get("/console/ops/dead-letters").with(ADMIN)
                .flashAttrs(unknown.getFlashMap())).andReturn().getResponse().getContentAsString());
        assertThat(shown.selectFirst(".flash-problem").text()).contains("holds no record at partition");
    }

    private Document page(String path, RequestPostProcessor who) throws Exception {
        return Jsoup.parse(this.mvc.perform(get(path).with(who)).andExpect(status().isOk()).andReturn().getResponse()
                .getContentAsString());
    }

    private void send(String key, String value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, this.broker.getBrokersAsString()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REPORTS, key, value.getBytes(StandardCharsets.UTF_8)))
                    .get(30, TimeUnit.SECONDS);
        }
    }

}
