package io.github.spellingreports.worker.digest;

import javax.sql.DataSource;

import io.github.spellingreports.worker.WorkerIntegrationTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Set-up of the digest tests that go through {@code /api/v1/digests}: an empty queue, digest archive and
 * inbox before each test, and none left behind. The shared context of {@link WorkerIntegrationTestSupport}.
 */
abstract class DigestApiTestSupport extends WorkerIntegrationTestSupport {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    DigestTestData data;

    DigestApi api;

    @BeforeEach
    void cleanUp() throws Exception {
        greenMail.purgeEmailFromAllMailboxes();
        this.data = new DigestTestData(this.dataSource);
        this.data.clean();
        this.api = new DigestApi(this.port, ADMIN_USERNAME, ADMIN_PASSWORD);
    }

    @AfterEach
    void leaveNoDigests() {
        this.data.clean();
    }

}
