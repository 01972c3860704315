package io.github.spellingreports.worker.lag;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.github.spellingreports.events.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * {@code GET /api/v1/lag} while Kafka does not answer: a real admin client pointed at a port nothing listens on.
 */
@ExtendWith(OutputCaptureExtension.class)
class LagControllerTests {

    private final LagProperties properties = new LagProperties(true, Duration.ofSeconds(15), 10, 0, "",
            Duration.ofMillis(300));

    private final String servers = "127.0.0.1:" + closedPort();

    private final Admin admin = Admin.create(Map.of("bootstrap.servers", this.servers, "request.timeout.ms", 300,
            "default.api.timeout.ms", 300));

    private final LagMonitor monitor = new LagMonitor(new BrokerOffsetsReader(this.admin,
            () -> new KafkaConsumer<>(Map.of("bootstrap.servers", this.servers), new ByteArrayDeserializer(),
                    new ByteArrayDeserializer()), this.properties.requestTimeout()),
            this.properties, Clock.systemUTC(), "g", Topics.REPORTS, Topics.DEAD_LETTERS);

    private final MockMvc mvc = MockMvcBuilders.standaloneSetup(new LagController(this.monitor, this.properties)).build();

    @AfterEach
    void close() {
        this.admin.close(Duration.ZERO);
    }

    @Test
    void freshSampleWhileKafkaIsDownIsServiceUnavailableWithoutAnErrorLog(CapturedOutput output) throws Exception {
        assertKafkaDidNotAnswer("/api/v1/lag?fresh=true", output);
    }

    @Test
    void firstLatestSampleWhileKafkaIsDownIsServiceUnavailable(CapturedOutput output) throws Exception {
        assertKafkaDidNotAnswer("/api/v1/lag", output);
    }

    private void assertKafkaDidNotAnswer(String uri, CapturedOutput output) throws Exception {
        this.mvc.perform(get(uri))
                .andExpect(status().isServiceUnavailable())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(header().string("Retry-After", "15"))
                .andExpect(jsonPath("$.title").value("Kafka did not answer"))
                .andExpect(jsonPath("$.status").value(503));
        assertThat(output.getOut() + output.getErr()).doesNotContain("ERROR").doesNotContain("\tat ");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

}
