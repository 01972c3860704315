package io.github.spellingreports.standalone;

import java.net.CookieManager;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.github.spellingreports.standalone.postgres.EmbeddedDatabase;
import io.github.spellingreports.testsupport.AxeAudit;
import io.github.spellingreports.testsupport.HeadlessChromium;
import io.github.spellingreports.testsupport.LoopbackPorts;
import io.github.spellingreports.worker.console.MailFrame;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebDriver;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * The whole standalone, as {@code java -jar} starts it, on free ports with its data in a
 * temporary directory: both applications come up against the embedded broker, database and
 * mail server, and a restart on the same directory finds the data as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StandaloneIntegrationTests {

    private static final String ADMIN_PASSWORD = "standalone-test-password";

    /** Static: JUnit injects instance {@code @TempDir} fields only after {@code @BeforeAll} has run. */
    @TempDir
    static Path dataDir;

    private String[] args;

    private Standalone standalone;

    @BeforeAll
    void startStandalone() {
        this.args = new String[] { "--spelling.standalone.data-dir=" + dataDir,
                "--spelling.standalone.intake-port=" + LoopbackPorts.free(),
                "--spelling.standalone.worker-port=" + LoopbackPorts.free(),
                "--spelling.standalone.kafka-port=" + LoopbackPorts.free(),
                "--spelling.standalone.kafka-controller-port=" + LoopbackPorts.free(),
                "--spelling.standalone.smtp-port=" + LoopbackPorts.free(),
                "--spelling.worker.admin.password=" + ADMIN_PASSWORD,
                // a PostgreSQL setting, written with dashes
                "--spelling.standalone.postgres.work-mem=8MB",
                // a user's setting beats the standalone's own default for it
                "--spelling.digest.recipients=desk@example.com" };
        this.standalone = start();
        assertThat(this.standalone.settings().dataPath()).isEqualTo(dataDir.toAbsolutePath());
    }

    @AfterAll
    void stopStandalone() {
        if (this.standalone != null) {
            this.standalone.close();
        }
    }

    @Test
    @Order(1)
    void bothApplicationsAnswerTheirHealthEndpoints() {
        assertThat(get(intakeUrl() + "/actuator/health", false).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(get(workerUrl() + "/actuator/health", false).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    /** One class path holds both modules' build information: each application says its own. */
    @Test
    @Order(2)
    void eachApplicationsInfoSaysItsOwnBuild() {
        RestClient client = RestClient.create();
        assertThat(client.get().uri(intakeUrl() + "/actuator/info").retrieve().body(String.class))
                .contains("\"artifact\":\"report-intake\"");
        assertThat(client.get().uri(workerUrl() + "/actuator/info")
                .headers(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
                .retrieve().body(String.class)).contains("\"artifact\":\"report-worker\"");
    }

    @Test
    @Order(2)
    void applicationsUseTheEmbeddedServersUnlessTheUserSaysOtherwise() {
        assertThat(this.standalone.worker().getEnvironment().getProperty("spring.datasource.url"))
                .isEqualTo(this.standalone.jdbcUrl());
        assertThat(this.standalone.worker().getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(this.standalone.bootstrapServers());
        assertThat(this.standalone.intake().getEnvironment().getProperty("spring.kafka.bootstrap-servers"))
                .isEqualTo(this.standalone.bootstrapServers());
        for (ConfigurableApplicationContext application : List.of(this.standalone.worker(), this.standalone.intake())) {
            assertThat(application.getEnvironment().getProperty("spring.kafka.properties.security.protocol"))
                    .isEqualTo("SASL_PLAINTEXT");
            assertThat(application.getEnvironment().getProperty("spring.kafka.properties.sasl.jaas.config"))
                    .contains("password=\"" + StoredSecret.KAFKA_PASSWORD.readOrCreate(this.standalone.settings().dataPath()) + "\"");
        }
        assertThat(this.standalone.settings().dataPath().resolve(Standalone.KAFKA_CLIENT_PROPERTIES)).content()
                .contains("bootstrap.servers=" + this.standalone.bootstrapServers(), "security.protocol=SASL_PLAINTEXT");
        assertThat(this.standalone.intake().getEnvironment().getProperty("spelling.intake.allowed-origins"))
                .contains("http://localhost:" + this.standalone.settings().intakePort(),
                        "http://127.0.0.1:" + this.standalone.settings().intakePort());
        assertThat(this.standalone.worker().getEnvironment().getProperty("spring.mail.port", Integer.class))
                .isEqualTo(this.standalone.settings().smtpPort());
        assertThat(this.standalone.worker().getEnvironment().getProperty("spelling.digest.recipients"))
                .isEqualTo("desk@example.com");
    }

    @Test
    @Order(2)
    void theGeneratedPasswordsOfBrokerAndDatabaseAreNotLogged(CapturedOutput output) {
        Path data = this.standalone.settings().dataPath();
        assertThat(output.getAll()).as("the start-up: broker, database, both applications and their Kafka clients")
                .contains("Kafka broker up on", "PostgreSQL up on", "Started WorkerApplication", "Started IntakeApplication")
                .doesNotContain(StoredSecret.KAFKA_PASSWORD.readOrCreate(data))
                .doesNotContain(StoredSecret.POSTGRES_PASSWORD.readOrCreate(data));
    }

    @Test
    @Order(2)
    void postgresRunsWithTheUsersSettingsAndKeepsCommitsDurable() throws SQLException {
        assertThat(queryString("show work_mem")).isEqualTo("8MB");
        assertThat(queryString("show fsync")).isEqualTo("on");
        assertThat(queryString("show synchronous_commit")).isEqualTo("on");
        assertThat(queryString("show full_page_writes")).isEqualTo("on");
    }

    @Test
    @Order(2)
    void requestThreadPoolsAreSizedForTwoServersInOneJvm() {
        assertThat(requestThreads(this.standalone.intake()).getMaximumPoolSize()).isEqualTo(ServiceSettings.INTAKE_MAX_THREADS);
        assertThat(requestThreads(this.standalone.worker()).getMaximumPoolSize()).isEqualTo(ServiceSettings.WORKER_MAX_THREADS);
        assertThat(requestThreads(this.standalone.intake()).getCorePoolSize()).isEqualTo(ServiceSettings.MIN_SPARE_THREADS);
    }

    @Test
    @Order(3)
    void theIntakeHasNoDatabaseAndNoLogin() {
        assertThat(this.standalone.intake().getBeanNamesForType(javax.sql.DataSource.class)).isEmpty();
        assertThat(this.standalone.intake().containsBean("springSecurityFilterChain")).isFalse();
    }

    @Test
    @Order(3)
    void eachApplicationServesItsOwnMetricsSoAScrapeOfBothCountsAReportOnce() {
        RestClient client = RestClient.create();
        ResponseEntity<String> sent = client.post().uri(intakeUrl() + "/api/v1/reports")
                .contentType(MediaType.APPLICATION_JSON)
                .body("""
                        {"pageUrl": "%s/demo", "lang": "en", "contextBefore": "Readers who ",
                         "selection": "recieve", "contextAfter": " our newsletter"}""".formatted(
                        "http://localhost:" + this.standalone.settings().intakePort()))
                .retrieve().toEntity(String.class);
        assertThat(sent.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(client.get()
                .uri(workerUrl() + "/api/v1/errors?status=NEW").headers(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD))
                .retrieve().body(String.class)).contains("\"selection\":\"recieve\""));
        String intake = client.get().uri(intakeUrl() + "/actuator/prometheus").retrieve().body(String.class);
        String worker = client.get().uri(workerUrl() + "/actuator/prometheus")
                .headers(headers -> headers.setBasicAuth("admin", ADMIN_PASSWORD)).retrieve().body(String.class);
        assertThat(intake).contains("spelling_intake_reports_total{outcome=\"accepted\"} 1.0")
                .contains("spelling_intake_publish_seconds_count{outcome=\"acknowledged\"} 1")
                .doesNotContain("spelling_worker_", "spelling_digest");
        assertThat(worker).as("the worker's metrics, without the intake's: both are in one JVM")
                .contains("spelling_worker_records_total", "spelling_digests_total")
                .doesNotContain("spelling_intake_");
    }

    @Test
    @Order(4)
    void theInboxNeedsALoginAndShowsMailSentToTheLocalSmtpServer() throws Exception {
        ResponseEntity<String> anonymous = get(workerUrl() + "/console/inbox", false);
        assertThat(anonymous.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(anonymous.getBody()).doesNotContain("Inbox");

        sendMail("Daily digest: 2 spelling errors", "<p>Recieve &rarr; <mark>receive</mark></p>");

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            ResponseEntity<String> inbox = get(workerUrl() + "/console/inbox", true);
            assertThat(inbox.getStatusCode()).isEqualTo(HttpStatus.OK);
            assertThat(inbox.getBody()).contains("Daily digest: 2 spelling errors");
        });
        // once, though it went to two editors; what the inbox keeps
        assertThat(get(workerUrl() + "/console/inbox", true).getBody()).containsOnlyOnce("Daily digest: 2 spelling errors")
                .contains("editors@localhost, chief@localhost", "the newest <span>500</span> mails");
        // console pages: the inbox has the console's navigation, and the console's pages link to the inbox
        assertThat(navigation(get(workerUrl() + "/console/inbox", true)))
                .containsExactly("Queue", "Digests", "Inbox", "Users", "Lag", "Dead letters", "Account");
        assertThat(navigation(get(workerUrl() + "/console/queue", true))).contains("Inbox");
        // times in the console's zone (spelling.digest.zone; UTC here), named
        assertThat(get(workerUrl() + "/console/inbox", true).getBody()).containsPattern(
                "<th>Date \\(UTC\\)</th>[\\s\\S]*<time>\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d</time>");
        ResponseEntity<String> message = get(workerUrl() + "/console/inbox/0", true);
        assertThat(message.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(message.getBody()).contains("src=\"/console/inbox/0/html\"").contains("sandbox=\"" + MailFrame.SANDBOX + "\"");
        ResponseEntity<String> html = get(workerUrl() + "/console/inbox/0/html", true);
        // as mailed, its links opening new tabs
        assertThat(html.getBody()).isEqualTo("<base target=\"_blank\"><meta name=\"referrer\" content=\"no-referrer\">"
                + "<p>Recieve &rarr; <mark>receive</mark></p>");
        assertThat(html.getHeaders().getFirst("Content-Security-Policy")).startsWith("sandbox " + MailFrame.SANDBOX + ";");
        // pages, like the rest of the console's, not problem details
        ResponseEntity<String> missing = get(workerUrl() + "/console/inbox/99", true);
        assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(missing.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertThat(missing.getBody()).contains("There is no message 99 in the inbox.");
        ResponseEntity<String> notANumber = get(workerUrl() + "/console/inbox/abc", true);
        assertThat(notANumber.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(notANumber.getBody()).contains("&quot;abc&quot; is not a message number.");
        assertThat(navigation(missing)).contains("Queue", "Inbox");
        assertThat(navigation(notANumber)).contains("Queue", "Inbox");
    }

    /**
     * The inbox and a mail in it as an editor with a screen reader, a keyboard or a phone meets them: audited by
     * axe-core in a real headless Chromium (WCAG 2.x A and AA, and best practices) at a desktop's and a phone's width.
     * The mail's plain text holds a link longer than a phone is wide.
     */
    @Test
    @Order(5)
    void theInboxAndItsMailsMeetTheAccessibilityAudit() throws Exception {
        sendMail("Accessibility check", "<p>Recieve &rarr; <mark>receive</mark></p>",
                "Recieve -> receive\nhttps://news.example.com/2026/12/04/riverside-library-to-stay-open-until-midnight"
                        + "#:~:text=council-,recieved,-more");
        try (HeadlessChromium chromium = HeadlessChromium.window(1280, 1000)) {
            WebDriver browser = chromium.driver();
            String mail = loginAndFindMail(browser, "Accessibility check");
            List<String> violations = new ArrayList<>();
            for (Dimension size : List.of(new Dimension(1280, 1000), new Dimension(390, 844))) {
                browser.manage().window().setSize(size);
                for (String page : List.of(workerUrl() + "/console/inbox", mail)) {
                    browser.get(page);
                    AxeAudit.violations(browser).forEach((violation) -> violations.add(page + " at " + size + ": " + violation));
                }
            }
            assertThat(violations).as("axe-core's findings").isEmpty();
        }
    }

    /** A link in a mail of the inbox opens in a new tab, as a mail program opens it, not in the inbox's frame. */
    @Test
    @Order(5)
    void aLinkInAMailOpensInANewTab() throws Exception {
        sendMail("Link check", "<p>Recieve: <a href=\"" + workerUrl() + "/console/queue\">see the queue</a></p>");
        try (HeadlessChromium chromium = HeadlessChromium.window(1280, 1000)) {
            WebDriver browser = chromium.driver();
            browser.get(loginAndFindMail(browser, "Link check"));
            String inbox = browser.getWindowHandle();
            browser.switchTo().frame(browser.findElement(By.cssSelector("iframe.mail-frame")));
            browser.findElement(By.linkText("see the queue")).click();
            browser.switchTo().defaultContent();

            await().untilAsserted(() -> assertThat(browser.getWindowHandles()).hasSize(2));
            browser.switchTo().window(browser.getWindowHandles().stream().filter((handle) -> !handle.equals(inbox))
                    .findFirst().orElseThrow());
            await().untilAsserted(() -> assertThat(browser.getTitle()).isEqualTo("Queue · Spelling reports"));
        }
    }

    /** @return the address of the inbox's page of the mail with that subject, once it is there */
    private String loginAndFindMail(WebDriver browser, String subject) {
        browser.get(workerUrl() + "/console/login");
        browser.findElement(By.name("username")).sendKeys("admin");
        browser.findElement(By.name("password")).sendKeys(ADMIN_PASSWORD);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().untilAsserted(() -> assertThat(browser.getCurrentUrl()).matches(".*/console(\\?continue)?"));
        return await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            browser.get(workerUrl() + "/console/inbox");
            return browser.findElement(By.linkText(subject)).getAttribute("href");
        }, (href) -> href != null);
    }

    /** The console navigation's links on a page. */
    private static List<String> navigation(ResponseEntity<String> page) {
        return Jsoup.parse(page.getBody()).select("nav.nav a").eachText();
    }

    @Test
    @Order(5)
    void aSecondStandaloneOnTheSameDataDirectoryIsRefusedAndTheFirstKeepsRunning() {
        StandaloneSettings settings = StandaloneSettings.load(StandaloneSettings.environment(this.args));
        Standalone second = new Standalone(settings, StandaloneSettings.environment(this.args), this.args);
        assertThatIllegalStateException().isThrownBy(second::start)
                .withMessageContaining("is in use by another running standalone");
        assertThat(get(workerUrl() + "/actuator/health", false).getStatusCode()).isEqualTo(HttpStatus.OK);
    }

    @Test
    @Order(6)
    void aRestartOnTheSameDataDirectoryFindsTheDatabaseAndTheTopicsAsTheyWere() throws Exception {
        execute("CREATE TABLE restart_probe (note text)", "INSERT INTO restart_probe VALUES ('kept')");
        KafkaRecords.send(this.standalone.kafkaClientProperties(), "restart-probe", "k", "queued before the restart");

        this.standalone.close();
        this.standalone = start();

        assertThat(get(workerUrl() + "/actuator/health", false).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(queryString("SELECT note FROM restart_probe")).isEqualTo("kept");
        assertThat(queryString("SELECT count(*) FROM flyway_schema_history WHERE success")).isNotEqualTo("0");
        assertThat(KafkaRecords.readAll(this.standalone.kafkaClientProperties(), "restart-probe"))
                .containsExactly("k=queued before the restart");
    }

    private Standalone start() {
        StandaloneSettings settings = StandaloneSettings.load(StandaloneSettings.environment(this.args));
        return new Standalone(settings, StandaloneSettings.environment(this.args), this.args).start();
    }

    private String intakeUrl() {
        return "http://127.0.0.1:" + this.standalone.settings().intakePort();
    }

    private String workerUrl() {
        return "http://127.0.0.1:" + this.standalone.settings().workerPort();
    }

    /**
     * A browser-like GET: redirects are not followed, so an anonymous request shows its redirect to
     * the login page; as admin it first logs in through the console's form (with its CSRF token).
     */
    private ResponseEntity<String> get(String url, boolean asAdmin) {
        HttpClient.Builder builder = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER);
        if (asAdmin) {
            builder.cookieHandler(new CookieManager());
        }
        HttpClient httpClient = builder.build();
        RestClient client = RestClient.builder().requestFactory(new JdkClientHttpRequestFactory(httpClient)).build();
        if (asAdmin) {
            String login = client.get().uri(workerUrl() + "/console/login").retrieve().body(String.class);
            Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(login);
            assertThat(csrf.find()).as("the login form carries a CSRF token").isTrue();
            MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
            form.add("username", "admin");
            form.add("password", ADMIN_PASSWORD);
            form.add("_csrf", csrf.group(1));
            ResponseEntity<Void> loggedIn = client.post().uri(workerUrl() + "/console/login")
                    .contentType(MediaType.APPLICATION_FORM_URLENCODED).body(form).retrieve().toBodilessEntity();
            assertThat(String.valueOf(loggedIn.getHeaders().getLocation())).as("logged in").endsWith("/console");
        }
        return client.get().uri(url).accept(MediaType.TEXT_HTML, MediaType.APPLICATION_JSON)
                .exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                        .headers(response.getHeaders())
                        .body(new String(response.getBody().readAllBytes())));
    }

    private void sendMail(String subject, String html) throws Exception {
        sendMail(subject, html, "Recieve -> receive");
    }

    private void sendMail(String subject, String html, String plainText) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(this.standalone.inbox().orElseThrow().port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("spelling-reports@localhost"));
        message.setRecipients(Message.RecipientType.TO, InternetAddress.parse("editors@localhost, chief@localhost"));
        message.setSubject(subject, "UTF-8");
        MimeBodyPart text = new MimeBodyPart();
        text.setText(plainText, "UTF-8");
        MimeBodyPart htmlPart = new MimeBodyPart();
        htmlPart.setContent(html, "text/html; charset=UTF-8");
        message.setContent(new MimeMultipart("alternative", text, htmlPart));
        Transport.send(message);
    }

    private void execute(String... statements) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    private String queryString(String sql) throws SQLException {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(sql)) {
            assertThat(result.next()).as("a row from " + sql).isTrue();
            return result.getString(1);
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(this.standalone.jdbcUrl(), EmbeddedDatabase.USERNAME,
                StoredSecret.POSTGRES_PASSWORD.readOrCreate(dataDir));
    }

    private static ThreadPoolExecutor requestThreads(ConfigurableApplicationContext application) {
        TomcatWebServer server = (TomcatWebServer) ((WebServerApplicationContext) application).getWebServer();
        return (ThreadPoolExecutor) server.getTomcat().getConnector().getProtocolHandler().getExecutor();
    }

}
