package io.github.spellingreports.worker.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import io.github.spellingreports.worker.lag.LagPoint;
import io.github.spellingreports.worker.lag.LagStatus;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LagChartTests {

    private static final Instant END = Instant.parse("2026-11-24T20:00:00Z");

    private static final Duration HOUR = Duration.ofHours(1);

    private static final Duration GAP = Duration.ofSeconds(45);

    private static LagPoint point(long secondsBeforeEnd, long lag, double seconds, LagStatus status) {
        return new LagPoint(END.minusSeconds(secondsBeforeEnd), lag, seconds, status);
    }

    @Test
    void polylineMapsTimeToXAndLagToYOnANiceScale() {
        // records max 8 -> scale 10; seconds max 90 -> scale 100
        LagChart chart = LagChart.of(List.of(point(3600, 0, 0, LagStatus.OK), point(1800, 8, 90, LagStatus.OK),
                point(0, 5, 50, LagStatus.OK)), END, HOUR, Duration.ofHours(1), ZoneOffset.UTC);
        // x: 56 at the start, 380 in the middle, 704 at the end; y: 230 at 0, 14 at the top of the scale
        assertThat(chart.records()).containsExactly("56.0,230.0 380.0,57.2 704.0,122.0");
        assertThat(chart.seconds()).containsExactly("56.0,230.0 380.0,35.6 704.0,122.0");
        assertThat(chart.recordTicks()).extracting(LagChart.Tick::label).containsExactly("0", "2.5", "5", "7.5", "10");
        assertThat(chart.secondTicks()).extracting(LagChart.Tick::label).containsExactly("0s", "25s", "50s", "75s", "100s");
        assertThat(chart.samples()).isEqualTo(3);
    }

    @Test
    void samplesOlderThanTheSpanAreLeftOutAndUnorderedOnesAreSorted() {
        LagChart chart = LagChart.of(List.of(point(7200, 1, 1, LagStatus.OK), point(0, 0, 0, LagStatus.OK),
                point(30, 0, 0, LagStatus.OK)), END, HOUR, GAP, ZoneOffset.UTC);
        assertThat(chart.samples()).isEqualTo(2);
        assertThat(chart.records()).containsExactly("698.6,230.0 704.0,230.0");
    }

    @Test
    void aGapLongerThanTheLimitBreaksTheLineAndALoneSampleIsADot() {
        List<LagPoint> points = List.of(point(600, 1, 0, LagStatus.OK), point(585, 1, 0, LagStatus.OK),
                point(300, 1, 0, LagStatus.OK), point(0, 1, 0, LagStatus.OK), point(15, 1, 0, LagStatus.OK));
        assertThat(LagChart.runs(points.stream().sorted((a, b) -> a.at().compareTo(b.at())).toList(), GAP))
                .extracting(List::size).containsExactly(2, 1, 2);
        LagChart chart = LagChart.of(points, END, HOUR, GAP, ZoneOffset.UTC);
        assertThat(chart.records()).hasSize(3);
        assertThat(chart.records().get(1)).isEqualTo("650.0,176.0 650.0,176.0");
    }

    @Test
    void nonOkStretchesBecomeBandsUpToTheNextSample() {
        LagChart chart = LagChart.of(List.of(point(900, 0, 0, LagStatus.OK), point(600, 5, 10, LagStatus.WARN),
                point(300, 9, 20, LagStatus.WARN), point(0, 9, 30, LagStatus.STALL)), END, HOUR, Duration.ofHours(1), ZoneOffset.UTC);
        assertThat(chart.bands()).extracting(LagChart.Band::status).containsExactly("WARN", "STALL");
        // WARN from 10 min before the end up to the STALL sample at the end: 648 * 10/60 = 108 wide
        assertThat(chart.bands().get(0)).isEqualTo(new LagChart.Band("596.0", "108.0", "WARN", "band band-warn"));
        // the last sample's band is a thin mark kept inside the plot
        assertThat(chart.bands().get(1)).isEqualTo(new LagChart.Band("701.0", "3.0", "STALL", "band band-stall"));
    }

    @Test
    void timeTicksFallOnQuarterHoursInUtc() {
        LagChart chart = LagChart.of(List.of(), Instant.parse("2026-11-24T20:07:00Z"), HOUR, GAP, ZoneOffset.UTC);
        assertThat(chart.isEmpty()).isTrue();
        assertThat(chart.timeTicks()).extracting(LagChart.Tick::label)
                .containsExactly("19:15", "19:30", "19:45", "20:00");
    }

    /** The newsroom's clock (spelling.digest.zone), half-hour offsets too: Kolkata is UTC+5:30. */
    @Test
    void timeTicksShowTheClockOfTheConsolesTimeZone() {
        Instant end = Instant.parse("2026-11-24T20:07:00Z");
        assertThat(LagChart.of(List.of(), end, HOUR, GAP, ZoneId.of("Asia/Almaty")).timeTicks())
                .extracting(LagChart.Tick::label).containsExactly("00:15", "00:30", "00:45", "01:00");
        assertThat(LagChart.of(List.of(), end, HOUR, GAP, ZoneId.of("Asia/Kolkata")).timeTicks())
                .extracting(LagChart.Tick::label).containsExactly("00:45", "01:00", "01:15", "01:30");
    }

    @Test
    void scalesAndLabelsStayReadable() {
        assertThat(LagChart.niceCeiling(0)).isEqualTo(4);
        assertThat(LagChart.niceCeiling(11)).isEqualTo(20);
        assertThat(LagChart.niceCeiling(21)).isEqualTo(25);
        assertThat(LagChart.niceCeiling(4001)).isEqualTo(5000);
        assertThat(LagChart.niceCeiling(100)).isEqualTo(100);
        assertThat(LagChart.duration(12.25)).isEqualTo("12.25s");
        assertThat(LagChart.duration(90)).isEqualTo("90s");
        assertThat(LagChart.duration(150)).isEqualTo("2.5m");
        assertThat(LagChart.duration(5400)).isEqualTo("90m");
        assertThat(LagChart.duration(3 * 3600)).isEqualTo("3h");
        // the seconds axis ends on round minutes once past two minutes
        assertThat(LagChart.niceDuration(130)).isEqualTo(4 * 60);
        assertThat(LagChart.niceDuration(11 * 60)).isEqualTo(20 * 60);
        assertThat(LagChart.niceDuration(3 * 3600)).isEqualTo(4 * 3600);
    }

}
