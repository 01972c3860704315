package io.github.spellingreports.worker.console;

import java.time.Instant;

import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import io.github.spellingreports.worker.queue.ErrorStatus;
import io.github.spellingreports.worker.queue.Moderation;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers.springSecurity;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * A newsroom in Almaty ({@code spelling.digest.zone=Asia/Almaty}, UTC+5): the console shows every
 * time on its clock and says which, where it showed UTC whatever the setting. A context of its
 * own, for the setting.
 */
@TestPropertySource(properties = "spelling.digest.zone=Asia/Almaty")
class ConsoleTimeZoneIntegrationTests extends WorkerIntegrationTestSupport {

    /** 08:18 in Almaty. */
    private static final Instant REPORTED = Instant.parse("2026-12-05T03:18:00Z");

    @Autowired
    WebApplicationContext context;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Moderation moderation;

    MockMvc mvc;

    ConsoleTestData data;

    @BeforeEach
    void setUp() {
        this.mvc = MockMvcBuilders.webAppContextSetup(this.context).apply(springSecurity()).build();
        this.data = new ConsoleTestData(this.jdbc);
    }

    @Test
    void theQueueAndAnErrorShowTimesOnTheNewsroomsClock() throws Exception {
        String pageUrl = ConsoleTestData.uniquePage();
        long id = this.data.error(pageUrl, "Алматы ", "астана", " и регионы", null);
        this.data.addReport(id, REPORTED, "кириллица");

        Element dates = page("/console/queue?pageUrl=" + pageUrl).selectFirst(".dates");
        assertThat(dates.selectFirst("time").text()).isEqualTo("2026-12-05 08:18");
        assertThat(dates.text()).endsWith(" Asia/Almaty");

        Document error = page("/console/errors/" + id);
        assertThat(error.selectFirst(".dates time").text()).isEqualTo("2026-12-05 08:18");
        assertThat(error.select("#reports th").first().text()).isEqualTo("Received (Asia/Almaty)");
        assertThat(error.select("#reports td time")).extracting(Element::text).contains("2026-12-05 08:18:00");
        this.moderation.change(id, ErrorStatus.FIXED, "ed", Moderation.Via.CONSOLE, null);
        assertThat(page("/console/errors/" + id).select("#history th").first().text()).isEqualTo("When (Asia/Almaty)");
    }

    @Test
    void theLagPageNamesTheZoneOfItsChart() throws Exception {
        assertThat(page("/console/ops/lag").text()).contains("Times in Asia/Almaty.");
    }

    private Document page(String path) throws Exception {
        String html = this.mvc.perform(get(path).with(user("admin").roles("ADMIN", "EDITOR")))
                .andReturn().getResponse().getContentAsString();
        return Jsoup.parse(html);
    }

}
