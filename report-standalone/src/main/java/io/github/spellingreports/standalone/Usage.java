package io.github.spellingreports.standalone;

import java.util.List;

/**
 * What {@code java -jar report-standalone.jar --help} prints instead of starting anything: the
 * command, the standalone's settings with their defaults, and where the others are described; and
 * what {@code --version} prints.
 */
final class Usage {

    /** The arguments that ask for it. */
    static final List<String> ASKING = List.of("--help", "-h", "-help", "-?");

    /** The argument that asks for {@link #version()} instead. */
    static final String VERSION = "--version";

    static final String TEXT = """
            spelling-reports standalone: a Kafka broker, PostgreSQL, report-intake, report-worker and a local
            mail inbox in one JVM. It keeps its data between starts; Ctrl+C stops it cleanly.

            Usage: java -Xmx512m -XX:+UseSerialGC -jar report-standalone.jar [--setting=value ...]

            Settings, as --name=value after the jar, -Dname=value before -jar, or an environment variable
            (SPELLING_STANDALONE_DATA_DIR):
              --spelling.standalone.data-dir=./data             the queue, the broker's log, generated passwords
              --spelling.standalone.address=127.0.0.1           address the intake and the worker bind to
              --spelling.standalone.intake-port=8080            report-intake: the widget, the report API, the demo
              --spelling.standalone.worker-port=8081            report-worker: the console, its API, metrics
              --spelling.standalone.kafka-port=9092             the broker's client port (127.0.0.1)
              --spelling.standalone.kafka-controller-port=9093  the broker's KRaft controller port (127.0.0.1)
              --spelling.standalone.postgres-port=0             PostgreSQL's port (localhost); 0 picks a free one
              --spelling.standalone.smtp-port=2525              the local inbox's SMTP port (127.0.0.1)
              --spelling.standalone.startup-timeout=60s         how long to wait for the broker to answer
              --spelling.standalone.postgres.<setting>=<value>  a PostgreSQL setting, e.g. shared-buffers=512MB
                                                                (an argument or -D, not an environment variable)
              --spring.mail.host=<host>                         mail digests to that SMTP server, not the local inbox
                                                                (with --spelling.digest.recipients=<addresses>)

            --version prints the version and starts nothing, as --help does.

            Every setting of report-intake and report-worker works too, e.g. SPELLING_WORKER_ADMIN_PASSWORD;
            see the README's "Configuration". The admin's generated password is in <data-dir>/admin-password.
            """;

    private Usage() {
    }

    /** @return the line {@code --version} prints: the version in the jar's manifest, or a build from sources */
    static String version() {
        String version = Usage.class.getPackage().getImplementationVersion();
        return "spelling-reports standalone " + ((version != null) ? version : "(run from its classes, no version)");
    }

    /** @return whether the arguments ask for this text */
    static boolean asked(String... args) {
        for (String arg : args) {
            if (ASKING.contains(arg)) {
                return true;
            }
        }
        return false;
    }

}
