package io.github.spellingreports.standalone;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.spellingreports.standalone.postgres.EmbeddedDatabase;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The properties the standalone gives report-intake and report-worker so that they use the
 * embedded broker, database and mail server. See {@link ServicePropertySource} for where they
 * rank among the applications' other property sources.
 */
final class ServiceSettings {

    /**
     * Auto-configurations the intake must not get just because the worker's libraries share its
     * classpath here: the intake is stateless and public (no database, no login, no mail).
     */
    static final String INTAKE_EXCLUDED_AUTO_CONFIGURATIONS = String.join(",",
            "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
            "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration",
            "org.springframework.boot.mail.autoconfigure.MailHealthContributorAutoConfiguration");

    /**
     * Tomcat request threads of the intake here (Tomcat's default is 200). Its request threads only
     * read, validate and hand a report to the producer (the answer waits for the broker without a
     * thread), so a few per core keep up; the rest covers send() blocking on metadata while the
     * broker is away (up to max.block.ms each, at most spelling.intake.publish-concurrency of them,
     * 20: reports beyond wait 250 ms for one of them, then are answered 503). Connections beyond
     * it wait in the accept queue.
     */
    static final int INTAKE_MAX_THREADS = 50;

    /** Tomcat request threads of the worker here: its API and console serve a handful of editors. */
    static final int WORKER_MAX_THREADS = 20;

    /**
     * Idle request threads kept per application (Tomcat's default is 10): every thread holds a stack
     * and buffers; one JVM runs two servers here, and threads are started again on demand.
     */
    static final int MIN_SPARE_THREADS = 2;

    /**
     * The worker's consumer is a static member of its group under this name (Kafka's
     * {@code group.instance.id}; Spring Kafka appends the consumer's number, {@code -0}). After a
     * killed JVM, the group the broker reloads still holds the dead consumer, whose partitions a new
     * member gets only when that consumer's session times out (45 s); a static member of the same
     * name takes them over at once. The standalone runs one worker on its own broker, so no other
     * member ever waits for this one's session to end.
     */
    static final String WORKER_GROUP_INSTANCE_ID = "standalone-worker";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    /** Where digests go when the local inbox is used and no recipients are configured. */
    static final String LOCAL_RECIPIENTS = "editors@localhost";

    private ServiceSettings() {
    }

    static Map<String, Object> intake(StandaloneSettings settings, Map<String, Object> kafkaClient) {
        Map<String, Object> properties = common(settings, kafkaClient);
        properties.put("server.port", settings.intakePort());
        // one port per application in the standalone: Actuator beside the API, not on 9080
        properties.put("management.server.port", settings.intakePort());
        properties.put("spelling.intake.allowed-origins", intakeOrigins(settings));
        properties.put("spring.autoconfigure.exclude", INTAKE_EXCLUDED_AUTO_CONFIGURATIONS);
        properties.put("server.tomcat.threads.max", INTAKE_MAX_THREADS);
        return properties;
    }

    /**
     * @return the origins of the intake's own pages (the demo page): at localhost and 127.0.0.1,
     *         and at the address it binds to when that is one address, not every one
     */
    static String intakeOrigins(StandaloneSettings settings) {
        Set<String> hosts = new LinkedHashSet<>(List.of("localhost", "127.0.0.1"));
        if (!isWildcard(settings.address())) {
            hosts.add(originHost(settings.address()));
        }
        return hosts.stream().map((host) -> "http://" + host + ":" + settings.intakePort()).collect(Collectors.joining(","));
    }

    /**
     * @param origins the intake's allowed origins as it runs with them
     * @return what to tell the user when the intake listens on every address but allows only the
     *         origins of this machine's loopback interface
     */
    static Optional<String> originsNote(StandaloneSettings settings, String origins) {
        if (!isWildcard(settings.address()) || !intakeOrigins(settings).equals(origins)) {
            return Optional.empty();
        }
        return Optional.of("on " + settings.address() + " the intake allows pages of localhost only: set "
                + "SPELLING_INTAKE_ALLOWED_ORIGINS to the origins browsers of other machines send reports from");
    }

    private static boolean isWildcard(String address) {
        return literal(address).map(InetAddress::isAnyLocalAddress).orElse(false);
    }

    /** @return the host as a browser writes it in an origin: lower case, an IPv6 address in brackets, short */
    private static String originHost(String address) {
        return literal(address)
                .map((ip) -> (ip instanceof Inet6Address) ? "[" + shortForm(ip.getAddress()) + "]" : ip.getHostAddress())
                .orElseGet(() -> address.toLowerCase(Locale.ROOT));
    }

    /** @return the address, when it is an IP address rather than a name (looked up in no DNS) */
    private static Optional<InetAddress> literal(String address) {
        String bare = (address.startsWith("[") && address.endsWith("]")) ? address.substring(1, address.length() - 1) : address;
        if (!bare.contains(":") && !IPV4.matcher(bare).matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByName(bare));
        }
        catch (UnknownHostException ex) {
            return Optional.empty();
        }
    }

    /** RFC 5952, as browsers serialise an IPv6 host: hex groups without leading zeros, the longest run of zeros as "::". */
    private static String shortForm(byte[] ipv6) {
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((ipv6[2 * i] & 0xff) << 8) | (ipv6[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; i++) {
            int length = 0;
            while (i + length < 8 && groups[i + length] == 0) {
                length++;
            }
            if (length > bestLength) {
                bestStart = i;
                bestLength = length;
            }
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    static Map<String, Object> worker(StandaloneSettings settings, Map<String, Object> kafkaClient, String jdbcUrl,
            Integer localSmtpPort, Path dataDir) {
        Map<String, Object> properties = common(settings, kafkaClient);
        properties.put("server.port", settings.workerPort());
        properties.put("management.server.port", settings.workerPort());
        properties.put("server.tomcat.threads.max", WORKER_MAX_THREADS);
        // below the user's environment: SPELLING_WORKER_ADMIN_PASSWORD still chooses the password
        properties.put("spelling.worker.admin.password", StoredSecret.ADMIN_PASSWORD.readOrCreate(dataDir));
        properties.put("spelling.worker.link-secret", StoredSecret.LINK_SECRET.readOrCreate(dataDir));
        properties.put("spring.kafka.consumer.properties.group.instance.id", WORKER_GROUP_INSTANCE_ID);
        properties.put("spring.datasource.url", jdbcUrl);
        properties.put("spring.datasource.username", EmbeddedDatabase.USERNAME);
        properties.put("spring.datasource.password", StoredSecret.POSTGRES_PASSWORD.readOrCreate(dataDir));
        if (localSmtpPort != null) {
            properties.put("spring.mail.host", "127.0.0.1");
            properties.put("spring.mail.port", localSmtpPort);
            properties.put("spelling.digest.recipients", LOCAL_RECIPIENTS);
        }
        return properties;
    }

    /**
     * @param kafkaClient the embedded broker's {@code bootstrap.servers} and SASL settings, given to
     * every Kafka client of the application (producer, consumers, admin clients)
     */
    private static Map<String, Object> common(StandaloneSettings settings, Map<String, Object> kafkaClient) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("server.address", settings.address());
        kafkaClient.forEach((key, value) -> properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG.equals(key)
                ? "spring.kafka.bootstrap-servers" : "spring.kafka.properties." + key, value));
        // the launcher prints one banner for everything
        properties.put("spring.main.banner-mode", "off");
        // the launcher stops the applications, then the servers they use, then logging
        properties.put("logging.register-shutdown-hook", false);
        // two applications share one logging system: a name in each line would often be the other's
        properties.put("logging.include-application-name", false);
        properties.put("server.tomcat.threads.min-spare", MIN_SPARE_THREADS);
        return properties;
    }

}
