package io.github.spellingreports.standalone;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceSettingsTests {

    private static final Map<String, Object> KAFKA = Map.of("bootstrap.servers", "127.0.0.1:9092");

    @Test
    void onLoopbackTheIntakeAllowsTheDemoPageAtLocalhostAndAt127001() {
        assertThat(allowedOrigins("127.0.0.1")).isEqualTo("http://localhost:8080,http://127.0.0.1:8080");
    }

    /**
     * The demo page opened at the address the intake binds to sends its reports from that origin:
     * only localhost's and 127.0.0.1's were allowed, and it could not send one.
     */
    @Test
    void onAnAddressOfItsOwnTheIntakeAllowsTheDemoPageAtThatAddressToo() {
        assertThat(allowedOrigins("192.0.2.10"))
                .isEqualTo("http://localhost:8080,http://127.0.0.1:8080,http://192.0.2.10:8080");
        // in brackets, in the short form browsers send
        assertThat(allowedOrigins("2001:DB8:0:0:0:0:0:10"))
                .isEqualTo("http://localhost:8080,http://127.0.0.1:8080,http://[2001:db8::10]:8080");
        assertThat(allowedOrigins("::1")).isEqualTo("http://localhost:8080,http://127.0.0.1:8080,http://[::1]:8080");
        assertThat(allowedOrigins("Reports.Example")).isEqualTo(
                "http://localhost:8080,http://127.0.0.1:8080,http://reports.example:8080");
    }

    /** On every address, the machine's addresses are not known; the banner says to set the origins. */
    @Test
    void onEveryAddressTheIntakeAllowsLocalhostOnlyAndTheBannerSaysWhatToSet() {
        for (String wildcard : new String[] { "0.0.0.0", "::", "0:0:0:0:0:0:0:0" }) {
            assertThat(allowedOrigins(wildcard)).as(wildcard).isEqualTo("http://localhost:8080,http://127.0.0.1:8080");
            StandaloneSettings settings = settings(wildcard);
            assertThat(ServiceSettings.originsNote(settings, ServiceSettings.intakeOrigins(settings))).as(wildcard)
                    .hasValueSatisfying((note) -> assertThat(note).contains("SPELLING_INTAKE_ALLOWED_ORIGINS"));
            assertThat(ServiceSettings.originsNote(settings, "https://news.example")).as("set by the user").isEmpty();
        }
        StandaloneSettings concrete = settings("192.0.2.10");
        assertThat(ServiceSettings.originsNote(concrete, ServiceSettings.intakeOrigins(concrete))).isEmpty();
    }

    private static String allowedOrigins(String address) {
        return (String) ServiceSettings.intake(settings(address), KAFKA).get("spelling.intake.allowed-origins");
    }

    private static StandaloneSettings settings(String address) {
        return StandaloneSettings.load(StandaloneSettings.environment("--spelling.standalone.address=" + address));
    }

}
