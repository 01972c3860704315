package io.github.spellingreports.worker.mail;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StreamProviderPinTests {

    private String before;

    @BeforeEach
    void rememberProperty() {
        this.before = System.getProperty(StreamProviderPin.PROPERTY);
    }

    @AfterEach
    void restoreProperty() {
        if (this.before == null) {
            System.clearProperty(StreamProviderPin.PROPERTY);
        }
        else {
            System.setProperty(StreamProviderPin.PROPERTY, this.before);
        }
    }

    @Test
    void pinsAngusMailsProviderSoThatJakartaMailLoadsItWithoutAServiceLoader() {
        System.clearProperty(StreamProviderPin.PROPERTY);

        assertThat(StreamProviderPin.pin()).isEqualTo(StreamProviderPin.ANGUS);

        // the class Jakarta Mail now instantiates is the one its ServiceLoader lookup found before
        assertThat(StreamProvider.provider().getClass().getName()).isEqualTo(StreamProviderPin.ANGUS);
    }

    @Test
    void leavesAProviderSetByTheOperatorAlone() {
        System.setProperty(StreamProviderPin.PROPERTY, "com.example.OwnStreamProvider");

        assertThat(StreamProviderPin.pin()).isEqualTo("com.example.OwnStreamProvider");
    }

}
