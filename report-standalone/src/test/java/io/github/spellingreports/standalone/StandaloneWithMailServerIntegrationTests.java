package io.github.spellingreports.standalone;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code spring.mail.host} set, digests go to that server: no local inbox is started and
 * the worker gets no inbox pages.
 */
class StandaloneWithMailServerIntegrationTests {

    @TempDir
    Path dataDir;

    @Test
    void aConfiguredMailHostReplacesTheLocalInbox() {
        int smtpPort = FreePorts.next();
        String[] args = { "--spelling.standalone.data-dir=" + this.dataDir,
                "--spelling.standalone.intake-port=" + FreePorts.next(),
                "--spelling.standalone.worker-port=" + FreePorts.next(),
                "--spelling.standalone.kafka-port=" + FreePorts.next(),
                "--spelling.standalone.kafka-controller-port=" + FreePorts.next(),
                "--spring.mail.host=127.0.0.1", "--spring.mail.port=" + smtpPort };
        StandaloneSettings settings = StandaloneSettings.load(StandaloneSettings.environment(args));
        try (Standalone standalone = new Standalone(settings, StandaloneSettings.environment(args), args).start()) {
            assertThat(standalone.inbox()).isEmpty();
            Environment worker = standalone.worker().getEnvironment();
            assertThat(worker.getProperty("spring.mail.host")).isEqualTo("127.0.0.1");
            assertThat(worker.getProperty("spring.mail.port", Integer.class)).isEqualTo(smtpPort);
            assertThat(worker.getProperty("spelling.digest.recipients")).isNull();
            assertThat(standalone.worker().containsBean("localInbox")).isFalse();
        }
    }

}
