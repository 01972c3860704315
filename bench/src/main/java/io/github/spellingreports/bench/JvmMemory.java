package io.github.spellingreports.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory of the standalone under test while it works: its resident set ({@code /proc}), its heap as
 * the worker's Actuator reports it ({@code /actuator/prometheus}: {@code jvm_memory_used_bytes} of the
 * heap pools, and {@code jvm_gc_live_data_size_bytes}, the old generation after the last collection
 * that measured it; {@code jvm_gc_memory_allocated_bytes_total}, what the JVM allocated), and the heap
 * used after a full GC forced by {@code jcmd GC.run}.
 * The standalone runs Kafka's broker in the same JVM: these figures include it.
 */
final class JvmMemory {

    private static final Pattern HEAP_USED = Pattern.compile("^jvm_memory_used_bytes\\{[^}]*area=\"heap\"[^}]*}\\s+(\\S+)", Pattern.MULTILINE);

    /** Micrometer's count of bytes allocated in the young generation, updated at every collection. */
    private static final Pattern ALLOCATED = Pattern.compile("^jvm_gc_memory_allocated_bytes_total(?:\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);

    private static final Pattern LIVE_DATA = Pattern.compile("^jvm_gc_live_data_size_bytes(?:\\{[^}]*})?\\s+(\\S+)", Pattern.MULTILINE);

    /** "total 516096K, used 215040K" per generation or heap in {@code GC.heap_info} (G1, Serial, Parallel). */
    private static final Pattern HEAP_INFO_USED = Pattern.compile("total \\d+K, used (\\d+)K");

    private final Proc process;

    private final URI prometheus;

    private final String authorization;

    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    double peakRssMb;

    /** The largest Pss of the standalone with its PostgreSQL server ({@link Proc#footprintMb}), sampled with the heap. */
    double peakFootprintMb;

    double peakHeapMb;

    double peakLiveDataMb;

    int scrapes;

    JvmMemory(Proc process, int workerPort, String adminPassword) {
        this.process = process;
        this.prometheus = URI.create("http://127.0.0.1:" + workerPort + "/actuator/prometheus");
        this.authorization = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword).getBytes(StandardCharsets.UTF_8));
    }

    /** A cheap reading: the resident set only. */
    void sampleRss() {
        this.peakRssMb = Math.max(this.peakRssMb, this.process.rssMb());
    }

    /**
     * @return MB the JVM allocated since it started, as of its last collection
     *         ({@code jvm_gc_memory_allocated_bytes_total}; force one first to count up to now), or -1
     */
    double allocatedMb() {
        try {
            HttpResponse<String> response = scrape();
            Matcher allocated = ALLOCATED.matcher(response.body());
            return response.statusCode() == 200 && allocated.find() ? Double.parseDouble(allocated.group(1)) / 1024 / 1024 : -1;
        }
        catch (Exception ex) {
            return -1;
        }
    }

    private HttpResponse<String> scrape() throws Exception {
        return this.client.send(HttpRequest.newBuilder(this.prometheus).header("Authorization", this.authorization)
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Resident set and one scrape of the worker's Prometheus endpoint. Each scrape costs the standalone
     * one BCrypt check of the admin password (HTTP Basic, no session): about 0.1 s of CPU, so scraping
     * every ~2 s takes about 5% of one core from a drain (seen in a JFR profile of a 300k drain).
     */
    void sample() {
        sampleRss();
        this.peakFootprintMb = Math.max(this.peakFootprintMb, this.process.footprintMb());
        try {
            HttpResponse<String> response = scrape();
            if (response.statusCode() != 200) {
                return;
            }
            double heap = 0;
            Matcher used = HEAP_USED.matcher(response.body());
            while (used.find()) {
                heap += Double.parseDouble(used.group(1));
            }
            this.peakHeapMb = Math.max(this.peakHeapMb, heap / 1024 / 1024);
            Matcher live = LIVE_DATA.matcher(response.body());
            if (live.find()) {
                this.peakLiveDataMb = Math.max(this.peakLiveDataMb, Double.parseDouble(live.group(1)) / 1024 / 1024);
            }
            this.scrapes++;
        }
        catch (Exception ex) {
            // a missed sample: the peak is over the others
        }
    }

    /** @return MB of heap in use right after a full GC ({@code jcmd PID GC.run}, then {@code GC.heap_info}), or -1 */
    double heapAfterFullGcMb() {
        try {
            this.process.jcmd("GC.run");
            double usedKb = 0;
            Matcher used = HEAP_INFO_USED.matcher(String.join("\n", this.process.jcmd("GC.heap_info")));
            boolean found = false;
            while (used.find()) {
                usedKb += Double.parseDouble(used.group(1));
                found = true;
            }
            return found ? usedKb / 1024 : -1;
        }
        catch (Exception ex) {
            return -1;
        }
    }

    /** For a row: "max RSS 724 MB (...), with its PostgreSQL server max Pss 850 MB (...); heap max 410 MB, live after GC max 120 MB, after a full GC at the end 95 MB". */
    String describe(double afterFullGcMb) {
        return "standalone max RSS " + Bench.fmt(this.peakRssMb) + " MB (JVM, broker included), with its PostgreSQL server max Pss "
                + Bench.fmt(this.peakFootprintMb) + " MB (every ~2 s); heap max " + (this.scrapes == 0 ? "n/a" : Bench.fmt(this.peakHeapMb) + " MB")
                + ", live data after GC max " + (this.scrapes == 0 ? "n/a" : (this.peakLiveDataMb == 0) ? "n/a (no old-generation collection)"
                        : Bench.fmt(this.peakLiveDataMb) + " MB")
                + ", after a full GC at the end " + (afterFullGcMb < 0 ? "n/a" : Bench.fmt(afterFullGcMb) + " MB");
    }

}
