package io.github.spellingreports.worker.console;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import io.github.spellingreports.worker.lag.LagPoint;
import io.github.spellingreports.worker.lag.LagStatus;

/**
 * The lag page's chart, computed here and drawn by the template as plain SVG: no script, no style
 * attribute (the console's CSP forbids both), only presentation attributes and CSS classes.
 * Records waiting use the left axis, the age of the oldest waiting record the right one; bands
 * behind the lines mark samples that were not OK.
 *
 * @param records polyline {@code points} of records waiting, one per run of samples without a gap
 * @param seconds polyline {@code points} of the oldest record's age, same runs
 * @param recordTicks left axis
 * @param secondTicks right axis
 * @param timeTicks bottom axis (in the console's time zone)
 * @param bands non-OK stretches
 * @param samples samples drawn
 */
record LagChart(List<String> records, List<String> seconds, List<Tick> recordTicks, List<Tick> secondTicks,
        List<Tick> timeTicks, List<Band> bands, int samples) {

    static final int WIDTH = 760;

    static final int HEIGHT = 260;

    static final int LEFT = 56;

    static final int RIGHT = WIDTH - 56;

    static final int TOP = 14;

    static final int BOTTOM = HEIGHT - 30;

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /**
     * @param points samples, oldest first
     * @param end right edge of the chart (now)
     * @param span time the chart shows, ending at {@code end}
     * @param maxGap a longer time between two samples (the broker did not answer, the worker was
     *        down) breaks the lines instead of drawing across it
     * @param zone the time zone of the bottom axis' clock times
     */
    static LagChart of(List<LagPoint> points, Instant end, Duration span, Duration maxGap, ZoneId zone) {
        Instant start = end.minus(span);
        List<LagPoint> shown = points.stream().filter((point) -> !point.at().isBefore(start) && !point.at().isAfter(end))
                .sorted(java.util.Comparator.comparing(LagPoint::at)).toList();
        double recordMax = niceCeiling(shown.stream().mapToDouble(LagPoint::totalLag).max().orElse(0));
        double secondMax = niceDuration(shown.stream().mapToDouble(LagPoint::maxLagSeconds).max().orElse(0));
        Scale scale = new Scale(start, end);
        List<List<LagPoint>> runs = runs(shown, maxGap);
        return new LagChart(polylines(runs, scale, LagPoint::totalLag, recordMax),
                polylines(runs, scale, LagPoint::maxLagSeconds, secondMax),
                valueTicks(recordMax, LagChart::count), valueTicks(secondMax, LagChart::duration),
                timeTicks(start, end, scale, CLOCK.withZone(zone)), bands(shown, scale), shown.size());
    }

    /** @return whether there is anything to draw */
    public boolean isEmpty() {
        return this.samples == 0;
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int left() {
        return LEFT;
    }

    public int right() {
        return RIGHT;
    }

    public int top() {
        return TOP;
    }

    public int bottom() {
        return BOTTOM;
    }

    /** @return the SVG {@code viewBox} */
    public String viewBox() {
        return "0 0 " + WIDTH + " " + HEIGHT;
    }

    /** Splits the samples where the time between two exceeds {@code maxGap}. */
    static List<List<LagPoint>> runs(List<LagPoint> points, Duration maxGap) {
        List<List<LagPoint>> runs = new ArrayList<>();
        List<LagPoint> run = new ArrayList<>();
        for (LagPoint point : points) {
            if (!run.isEmpty() && Duration.between(run.get(run.size() - 1).at(), point.at()).compareTo(maxGap) > 0) {
                runs.add(run);
                run = new ArrayList<>();
            }
            run.add(point);
        }
        if (!run.isEmpty()) {
            runs.add(run);
        }
        return runs;
    }

    private static List<String> polylines(List<List<LagPoint>> runs, Scale scale, ToDoubleFunction<LagPoint> value,
            double max) {
        List<String> lines = new ArrayList<>();
        for (List<LagPoint> run : runs) {
            StringBuilder line = new StringBuilder();
            for (LagPoint point : run) {
                appendPoint(line, scale.x(point.at()), scale.y(value.applyAsDouble(point), max));
            }
            if (run.size() == 1) {
                // a lone sample: a zero-length line, drawn as a dot by the round line cap
                appendPoint(line, scale.x(run.get(0).at()), scale.y(value.applyAsDouble(run.get(0)), max));
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static void appendPoint(StringBuilder line, double x, double y) {
        if (!line.isEmpty()) {
            line.append(' ');
        }
        line.append(format(x)).append(',').append(format(y));
    }

    /** Consecutive samples of one non-OK status, from the first to the sample after the last. */
    private static List<Band> bands(List<LagPoint> points, Scale scale) {
        List<Band> bands = new ArrayList<>();
        int i = 0;
        while (i < points.size()) {
            LagStatus status = points.get(i).status();
            int j = i;
            while (j + 1 < points.size() && points.get(j + 1).status() == status) {
                j++;
            }
            if (status != LagStatus.OK) {
                double from = scale.x(points.get(i).at());
                double to = (j + 1 < points.size()) ? scale.x(points.get(j + 1).at()) : scale.x(points.get(j).at());
                double width = Math.max(3, to - from);
                bands.add(new Band(format(Math.min(from, RIGHT - width)), format(width), status.name(),
                        "band band-" + status.name().toLowerCase(Locale.ROOT)));
            }
            i = j + 1;
        }
        return bands;
    }

    private static List<Tick> valueTicks(double max, java.util.function.DoubleFunction<String> label) {
        List<Tick> ticks = new ArrayList<>();
        for (int step = 0; step <= 4; step++) {
            double value = max * step / 4;
            ticks.add(new Tick(format(BOTTOM - (BOTTOM - TOP) * step / 4.0), label.apply(value)));
        }
        return ticks;
    }

    /** Every quarter of an hour on the wall clock (of every time zone: their offsets are whole quarters). */
    private static List<Tick> timeTicks(Instant start, Instant end, Scale scale, DateTimeFormatter clock) {
        List<Tick> ticks = new ArrayList<>();
        Instant tick = start.truncatedTo(ChronoUnit.HOURS);
        while (!tick.isAfter(end)) {
            if (!tick.isBefore(start)) {
                ticks.add(new Tick(format(scale.x(tick)), clock.format(tick)));
            }
            tick = tick.plus(Duration.ofMinutes(15));
        }
        return ticks;
    }

    /** @return the smallest of 1, 2, 2.5, 5 times a power of ten that is at least {@code value}, and at least 4 */
    static double niceCeiling(double value) {
        if (value <= 4) {
            return 4;
        }
        double power = Math.pow(10, Math.floor(Math.log10(value)));
        for (double factor : new double[] { 1, 2, 2.5, 5, 10 }) {
            if (factor * power >= value) {
                return factor * power;
            }
        }
        return 10 * power;
    }

    /** A nice ceiling in the unit the labels will use, so the ticks are round seconds, minutes or hours. */
    static double niceDuration(double seconds) {
        if (seconds <= 120) {
            return niceCeiling(seconds);
        }
        if (seconds <= 2 * 3600) {
            return niceCeiling(seconds / 60) * 60;
        }
        return niceCeiling(seconds / 3600) * 3600;
    }

    /** @return the number with at most two decimals, no trailing zeros */
    static String count(double value) {
        return BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    /** @return seconds as a short duration in the unit {@link #niceDuration} picks: 45s, 2.5m, 1.5h */
    static String duration(double seconds) {
        if (seconds <= 120) {
            return count(seconds) + "s";
        }
        if (seconds <= 2 * 3600) {
            return count(seconds / 60) + "m";
        }
        return count(seconds / 3600) + "h";
    }

    private static String format(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /**
     * @param position x or y in the chart
     * @param label text at the tick
     */
    record Tick(String position, String label) {
    }

    /**
     * @param x left edge
     * @param width width
     * @param status the status it marks
     * @param cssClass its class
     */
    record Band(String x, String width, String status, String cssClass) {
    }

    private record Scale(Instant start, Instant end) {

        double x(Instant at) {
            double fraction = (double) Duration.between(this.start, at).toMillis()
                    / Math.max(1, Duration.between(this.start, this.end).toMillis());
            return LEFT + (RIGHT - LEFT) * Math.min(1, Math.max(0, fraction));
        }

        double y(double value, double max) {
            return BOTTOM - (BOTTOM - TOP) * Math.min(1, Math.max(0, value / max));
        }

    }

}
