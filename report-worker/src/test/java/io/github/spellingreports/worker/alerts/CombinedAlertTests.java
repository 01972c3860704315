package io.github.spellingreports.worker.alerts;

import java.util.List;

import io.github.spellingreports.worker.alerts.HotAlertRepository.ClaimedAlert;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A shared mail lists every alert's card and text once, under one heading and with one footer. */
class CombinedAlertTests {

    @Test
    void sharedMailHasEachCardAndTextOnceAndTheFooterOnce() {
        CombinedAlert mail = CombinedAlert.of(List.of(AlertDeliveryTests.alert(1, "e@example.com"),
                AlertDeliveryTests.alert(2, "e@example.com"), AlertDeliveryTests.alert(3, "e@example.com")));

        assertThat(mail.subject()).isEqualTo("3 hot typos: \"x1\" on Page (5 reports in 30 min) and 2 more");
        assertThat(mail.html()).startsWith("<!DOCTYPE html>").contains("<body style=\"margin:0;\">")
                .contains("<title>3 hot typos</title>").contains("3 hot typos, sent in one mail. Each is listed once")
                .contains("<div class=\"card\">card 1</div>", "<div class=\"card\">card 2</div>",
                        "<div class=\"card\">card 3</div>")
                .doesNotContain("<title>Hot typo</title>").endsWith("</body>\n</html>\n");
        assertThat(count(mail.html(), "You receive this mail")).as("the footer once, after the cards").isOne();
        assertThat(mail.html()).containsSubsequence("card 3", "<div id=\"footer\">You receive this mail because.</div>", "</body>");
        assertThat(count(mail.html(), "<body")).isOne();
        assertThat(count(mail.html(), "</body>")).isOne();
        assertThat(mail.text()).startsWith("3 HOT TYPOS IN ONE MAIL, EACH LISTED ONCE")
                .contains("HOT TYPO 1\n\nFixed: https://example.com/1", "HOT TYPO 2\n", "HOT TYPO 3\n")
                .endsWith("--\nYou receive this mail because.\n");
        assertThat(count(mail.text(), "You receive this mail")).isOne();
    }

    @Test
    void keepsTheDeskOfTheSubject() {
        ClaimedAlert sport = AlertDeliveryTests.alert(1, "e@example.com");
        ClaimedAlert first = new ClaimedAlert(1, 101, "sport", "e@example.com", "s@example.com",
                "[sport] " + sport.subject(), sport.html(), sport.text(), "{}", 1);

        assertThat(CombinedAlert.of(List.of(first, AlertDeliveryTests.alert(2, "e@example.com"))).subject())
                .isEqualTo("[sport] 2 hot typos: \"x1\" on Page (5 reports in 30 min) and 1 more");
    }

    @Test
    void needsTwoAlertsWithABody() {
        ClaimedAlert alert = AlertDeliveryTests.alert(1, "e@example.com");
        ClaimedAlert bodiless = new ClaimedAlert(2, 102, "default", "e@example.com", "s@example.com", "Hot typo: x",
                "<p>x</p>", "x", "{}", 1);

        assertThatIllegalArgumentException().isThrownBy(() -> CombinedAlert.of(List.of(alert)));
        assertThatIllegalArgumentException().isThrownBy(() -> CombinedAlert.of(List.of(alert, bodiless)));
        assertThat(CombinedAlert.combinable(List.of(alert, bodiless))).isFalse();
    }

    private static int count(String text, String part) {
        int count = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            count++;
        }
        return count;
    }

}
