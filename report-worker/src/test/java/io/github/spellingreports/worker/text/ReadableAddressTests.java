package io.github.spellingreports.worker.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReadableAddressTests {

    @Test
    void aHostInIdnaAndLettersInPercentEncodedUtf8ReadAsTheyAreWritten() {
        assertThat(ReadableAddress.of("https://xn--e1afmkfd.xn--p1ai/%D0%BD%D0%BE%D0%B2%D0%BE%D1%81%D1%82%D0%B8/1?q=%d0%bc%d0%b8%d1%80"))
                .isEqualTo("https://пример.рф/новости/1?q=мир");
        assertThat(ReadableAddress.of("http://xn--80aaav1a5am5es3bmc.xn--80ao21a:8080/%D2%9B%D0%B0%D0%B7"))
                .isEqualTo("http://жаңалықтар.қаз:8080/қаз");
    }

    @Test
    void anAsciiAddressIsShownAsItIs() {
        String url = "https://news.example/a%20b/c%2Fd?x=%3F&y=%25";
        assertThat(ReadableAddress.of(url)).isEqualTo(url);
        assertThat(ReadableAddress.of("https://news.example")).isEqualTo("https://news.example");
        assertThat(ReadableAddress.of(null)).isNull();
    }

    @Test
    void whiteSpaceControlsFormattingAndWhatIsNotUtf8StayEncoded() {
        // a no-break space and a right-to-left override between letters; Latin-1 bytes; a cut sequence
        assertThat(ReadableAddress.of("https://news.example/%D0%BF%C2%A0%D1%80%E2%80%AE%D0%B8"))
                .isEqualTo("https://news.example/п%C2%A0р%E2%80%AEи");
        assertThat(ReadableAddress.of("https://news.example/caf%E9")).isEqualTo("https://news.example/caf%E9");
        assertThat(ReadableAddress.of("https://news.example/%D0")).isEqualTo("https://news.example/%D0");
        assertThat(ReadableAddress.of("https://news.example/100%")).isEqualTo("https://news.example/100%");
    }

}
