package io.github.spellingreports.standalone;

import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.github.spellingreports.standalone.postgres.EmbeddedDatabase;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Settings of the standalone launcher ({@code spelling.standalone.*}), from command-line
 * arguments ({@code --spelling.standalone.data-dir=...}), system properties and environment
 * variables ({@code SPELLING_STANDALONE_DATA_DIR}), in that order of precedence.
 * <p>
 * Bound with Spring Boot's {@link Binder} (relaxed names, conversions, defaults) and checked with
 * Bean Validation, but without an application context of their own: the launcher must start the
 * broker and the database before either Spring application exists, and a parent context would
 * leak its beans and environment into both applications.
 *
 * @param dataDir where the broker's log ({@code kafka/}) and the database cluster
 *        ({@code postgres/}) live; kept between starts
 * @param address network address the intake's and worker's web servers bind to; the broker,
 *        database and SMTP server always stay on 127.0.0.1
 * @param intakePort HTTP port of report-intake
 * @param workerPort HTTP port of report-worker
 * @param kafkaPort Kafka client port of the embedded broker on 127.0.0.1
 * @param kafkaControllerPort KRaft controller port of the embedded broker on 127.0.0.1
 * @param postgresPort port of the embedded PostgreSQL on localhost, 0 for a free one
 * @param smtpPort port of the local SMTP server (only when {@code spring.mail.host} is not set)
 * @param startupTimeout how long to wait for the broker to answer
 * @param postgres PostgreSQL server settings for the embedded database, by name, a dash standing for
 *        PostgreSQL's underscore ({@code --spelling.standalone.postgres.shared-buffers=512MB}); applied
 *        at every start. Those the standalone fixes ({@link EmbeddedDatabase#FIXED_SETTINGS}, and
 *        {@code port}) are refused, and so are names with a dot (what an environment variable binds
 *        to: {@code shared.buffers}).
 */
public record StandaloneSettings(
        @NotNull @DefaultValue("./data") Path dataDir,
        @NotBlank @DefaultValue("127.0.0.1") String address,
        @Min(1) @Max(65535) @DefaultValue("8080") int intakePort,
        @Min(1) @Max(65535) @DefaultValue("8081") int workerPort,
        @Min(1) @Max(65535) @DefaultValue("9092") int kafkaPort,
        @Min(1) @Max(65535) @DefaultValue("9093") int kafkaControllerPort,
        @Min(0) @Max(65535) @DefaultValue("0") int postgresPort,
        @Min(1) @Max(65535) @DefaultValue("2525") int smtpPort,
        @NotNull @DefaultValue("60s") Duration startupTimeout,
        @NotNull @DefaultValue Map<String, String> postgres) {

    /** Prefix of every setting. */
    public static final String PREFIX = "spelling.standalone";

    /**
     * @param args command-line arguments, {@code --name=value}
     * @return the environment the launcher reads: arguments, system properties, environment variables
     */
    public static ConfigurableEnvironment environment(String... args) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
        return environment;
    }

    /**
     * @param environment where to read the settings
     * @return the validated settings
     * @throws InvalidSettingsException with one line per problem, naming the setting
     */
    public static StandaloneSettings load(ConfigurableEnvironment environment) {
        StandaloneSettings settings;
        try {
            settings = Binder.get(environment).bindOrCreate(PREFIX, Bindable.of(StandaloneSettings.class));
        }
        catch (BindException ex) {
            Object value = (ex.getProperty() != null) ? ex.getProperty().getValue() : null;
            Class<?> type = ex.getTarget().getType().resolve(Object.class);
            throw new InvalidSettingsException(List.of(ex.getName() + "=" + value + ": not a valid "
                    + (Duration.class.equals(type) ? "duration (e.g. 90s, 2m)" : type.getSimpleName())));
        }
        settings = settings.withoutThePortVariable(environment);
        List<String> arguments = new ArrayList<>(strayArguments(environment));
        arguments.addAll(unknownSettings(environment));
        arguments.addAll(sharedPorts(environment));
        settings.validate(arguments);
        return settings;
    }

    /**
     * {@code SPELLING_STANDALONE_POSTGRES_PORT} names {@code postgres-port}, but the binder also reads
     * it as the PostgreSQL server setting {@code port} of {@link #postgres}, which is refused: that
     * entry goes, unless an argument or a system property set {@code postgres.port} itself.
     */
    private StandaloneSettings withoutThePortVariable(ConfigurableEnvironment environment) {
        if (!this.postgres.containsKey("port")) {
            return this;
        }
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (source instanceof SystemEnvironmentPropertySource || !(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            for (String property : names.getPropertyNames()) {
                String lower = property.toLowerCase(Locale.ROOT);
                if (lower.equals(PREFIX + ".postgres.port") || lower.equals(PREFIX + ".postgres[port]")) {
                    return this;
                }
            }
        }
        Map<String, String> postgres = new LinkedHashMap<>(this.postgres);
        postgres.remove("port");
        return new StandaloneSettings(this.dataDir, this.address, this.intakePort, this.workerPort, this.kafkaPort,
                this.kafkaControllerPort, this.postgresPort, this.smtpPort, this.startupTimeout, postgres);
    }

    /**
     * @return one line per {@code spelling.standalone.*} argument, system property or environment
     * variable that names no setting (a typo the binder would ignore, starting on the default), with
     * the setting it most likely meant
     */
    static List<String> unknownSettings(ConfigurableEnvironment environment) {
        Map<String, String> known = new LinkedHashMap<>();
        for (RecordComponent component : StandaloneSettings.class.getRecordComponents()) {
            if (!Map.class.equals(component.getType())) {
                known.put(component.getName().toLowerCase(Locale.ROOT), name(component.getName()));
            }
        }
        List<String> problems = new ArrayList<>();
        for (PropertySource<?> source : environment.getPropertySources()) {
            if (!(source instanceof EnumerablePropertySource<?> names)) {
                continue;
            }
            boolean variables = source instanceof SystemEnvironmentPropertySource;
            String prefix = variables ? "SPELLING_STANDALONE_" : PREFIX + ".";
            for (String property : names.getPropertyNames()) {
                if (!property.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    continue;
                }
                String setting = property.substring(prefix.length()).toLowerCase(Locale.ROOT);
                String normalized = setting.replace("-", "").replace("_", "");
                // PostgreSQL's own settings have their own checks (refusedPostgresSettings)
                boolean postgresServerSetting = variables
                        ? normalized.startsWith("postgres") && !known.containsKey(normalized)
                        : setting.startsWith("postgres.") || setting.startsWith("postgres[");
                if (known.containsKey(normalized) || postgresServerSetting) {
                    continue;
                }
                problems.add(property + ": not a setting of the standalone" + closest(normalized, known)
                        .map((meant) -> " (did you mean " + (variables ? variable(meant) : meant) + "?)")
                        .orElse(" (--help lists them)"));
            }
        }
        return problems;
    }

    /**
     * @return one line per port of Spring Boot's own that is set ({@code server.port},
     * {@code management.server.port}): it would reach both applications, which cannot share it (the
     * worker started on it, then the intake failed with "Port 80 was already in use")
     */
    static List<String> sharedPorts(ConfigurableEnvironment environment) {
        List<String> problems = new ArrayList<>();
        for (String port : List.of("server.port", "management.server.port")) {
            for (PropertySource<?> source : environment.getPropertySources()) {
                Object value = source.getProperty(port);
                if (value == null) {
                    continue;
                }
                boolean variables = source instanceof SystemEnvironmentPropertySource;
                problems.add((variables ? variable(port) : port) + "=" + value
                        + ": the standalone runs the intake and the worker, each on its own port: set "
                        + (variables ? variable(name("intakePort")) + " and " + variable(name("workerPort"))
                                : name("intakePort") + " and " + name("workerPort")) + " instead");
                break;
            }
        }
        return problems;
    }

    /**
     * @return one line per command-line argument that is not {@code --name=value}: after the jar, a
     * {@code -D} option or a JVM flag is an argument of the program, which would ignore it
     */
    static List<String> strayArguments(ConfigurableEnvironment environment) {
        PropertySource<?> commandLine = environment.getPropertySources()
                .get(CommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME);
        if (commandLine == null || !(commandLine.getProperty(
                CommandLinePropertySource.DEFAULT_NON_OPTION_ARGS_PROPERTY_NAME) instanceof String stray)) {
            return List.of();
        }
        String jvmOption = ": a JVM option after the jar is an argument of the program: put it before -jar";
        List<String> problems = new ArrayList<>();
        for (String argument : stray.split(",")) {
            if (argument.startsWith("-D") && argument.contains("=")) {
                problems.add(argument + jvmOption + ", or write --" + argument.substring(2));
            }
            else if (argument.startsWith("-")) {
                problems.add(argument + jvmOption);
            }
            else {
                problems.add(argument + ": not an argument of the standalone (settings are --name=value; "
                        + "--help lists them)");
            }
        }
        return problems;
    }

    /** @return the environment variable of a setting: {@code SPELLING_STANDALONE_INTAKE_PORT} */
    private static String variable(String setting) {
        return setting.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** @return the known setting a mistyped name most likely meant: at most three letters apart */
    private static Optional<String> closest(String normalized, Map<String, String> known) {
        return known.entrySet().stream()
                .map((entry) -> Map.entry(distance(normalized, entry.getKey()), entry.getValue()))
                .filter((candidate) -> candidate.getKey() <= 3)
                .min(Map.Entry.comparingByKey())
                .map(Map.Entry::getValue);
    }

    /** Levenshtein's edit distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /**
     * @return {@link #postgres()} with PostgreSQL's names ({@code shared-buffers} is {@code shared_buffers})
     */
    public Map<String, String> postgresSettings() {
        Map<String, String> settings = new TreeMap<>();
        this.postgres.forEach((name, value) -> settings.put(postgresName(name), value));
        return settings;
    }

    private static String postgresName(String name) {
        return name.replace('-', '_').toLowerCase(Locale.ROOT);
    }

    /**
     * @return {@link #dataDir()} as an absolute, normalised path
     */
    public Path dataPath() {
        return this.dataDir.toAbsolutePath().normalize();
    }

    private void validate(List<String> unknownSettings) {
        List<String> problems;
        try (ValidatorFactory factory = Validation.buildDefaultValidatorFactory()) {
            Validator validator = factory.getValidator();
            Set<ConstraintViolation<StandaloneSettings>> violations = validator.validate(this);
            problems = violations.stream()
                    .map((violation) -> name(violation.getPropertyPath().toString()) + "=" + violation.getInvalidValue()
                            + ": " + violation.getMessage())
                    .sorted(Comparator.naturalOrder())
                    .collect(Collectors.toList());
        }
        problems.addAll(unknownSettings);
        problems.addAll(portClashes());
        problems.addAll(refusedPostgresSettings());
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
    }

    private List<String> refusedPostgresSettings() {
        return this.postgres.entrySet().stream()
                .map((setting) -> refusal(setting.getKey(), setting.getValue()))
                .flatMap(Optional::stream)
                .sorted()
                .toList();
    }

    private static Optional<String> refusal(String name, String value) {
        String setting = PREFIX + ".postgres." + name + "=" + value + ": ";
        if (name.contains(".")) {
            // PostgreSQL would take "shared.buffers" as a custom setting of its own and ignore it
            String written = PREFIX + ".postgres." + name.replace('.', '-') + "=" + value;
            return Optional.of(setting + "not a PostgreSQL setting (an environment variable cannot name one: use --"
                    + written + " or -D" + written + ")");
        }
        return fixedReason(postgresName(name))
                .map((reason) -> setting + "set by the standalone, not changeable (" + reason + ")");
    }

    /** @return why the standalone does not let a user set this PostgreSQL setting, if it does not */
    private static Optional<String> fixedReason(String postgresName) {
        if ("port".equals(postgresName)) {
            return Optional.of("use " + PREFIX + ".postgres-port");
        }
        return Optional.ofNullable(EmbeddedDatabase.FIXED_SETTINGS.get(postgresName))
                .map(EmbeddedDatabase.FixedSetting::reason);
    }

    private List<String> portClashes() {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("intake-port", this.intakePort);
        ports.put("worker-port", this.workerPort);
        ports.put("kafka-port", this.kafkaPort);
        ports.put("kafka-controller-port", this.kafkaControllerPort);
        ports.put("postgres-port", this.postgresPort);
        ports.put("smtp-port", this.smtpPort);
        return ports.entrySet().stream()
                .filter((entry) -> entry.getValue() != 0)
                .collect(Collectors.groupingBy(Map.Entry::getValue, LinkedHashMap::new,
                        Collectors.mapping((entry) -> PREFIX + "." + entry.getKey(), Collectors.toList())))
                .entrySet().stream()
                .filter((entry) -> entry.getValue().size() > 1)
                .map((entry) -> String.join(" and ", entry.getValue()) + " are both " + entry.getKey()
                        + ": every server needs a port of its own")
                .toList();
    }

    /** @return a setting's full name, {@code spelling.standalone.intake-port} for {@code intakePort} */
    static String name(String property) {
        return PREFIX + "." + property.replaceAll("([A-Z])", "-$1").toLowerCase();
    }

    /** Settings that cannot work, with one line per problem. */
    public static class InvalidSettingsException extends IllegalArgumentException {

        private final List<String> problems;

        InvalidSettingsException(List<String> problems) {
            super("Invalid standalone settings:" + System.lineSeparator() + "  "
                    + String.join(System.lineSeparator() + "  ", problems));
            this.problems = List.copyOf(problems);
        }

        /**
         * @return one line per problem, each naming the setting
         */
        public List<String> problems() {
            return this.problems;
        }

    }

}
