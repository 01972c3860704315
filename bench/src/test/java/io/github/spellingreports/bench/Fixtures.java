package io.github.spellingreports.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** What several of the bench's tests start from. */
final class Fixtures {

    private Fixtures() {
    }

    /** @return a backlog as Bench.Backlog.produce plans it, not produced anywhere */
    static Bench.Backlog backlog(int reports, int errors) {
        int[] plan = Bench.Backlog.plan(reports, errors, 42);
        return new Bench.Backlog(reports, errors, Bench.Backlog.countsOf(plan, errors), plan, "http://127.0.0.1:8080", 42, "teh",
                new double[1]);
    }

    /**
     * @param settings further PostgreSQL settings
     * @return an embedded PostgreSQL on localhost whose postgres database has the worker's schema: its
     *         Flyway migrations, V1 to the last, in order
     */
    static EmbeddedPostgres postgresWithWorkerSchema(Map<String, String> settings) throws Exception {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("listen_addresses", "localhost");
        settings.forEach(builder::setServerConfig);
        EmbeddedPostgres postgres = builder.start();
        try (Connection db = postgres.getPostgresDatabase().getConnection(); Statement statement = db.createStatement()) {
            for (Path migration : migrations()) {
                statement.execute(Files.readString(migration));
            }
        }
        return postgres;
    }

    private static List<Path> migrations() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("../report-worker/src/main/resources/db/migration"))) {
            return files.filter((file) -> file.getFileName().toString().matches("V\\d+__.*\\.sql"))
                    .sorted(Comparator.comparingInt((Path file) -> Integer.parseInt(file.getFileName().toString().replaceAll("^V(\\d+)__.*", "$1"))))
                    .toList();
        }
    }

}
