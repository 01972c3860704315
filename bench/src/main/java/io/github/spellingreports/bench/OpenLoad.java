package io.github.spellingreports.bench;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Open-model load: request i is intended at t0 + i / rate whatever the responses do, and its latency is
 * measured from that intended start to the end of its response (no coordinated omission). Percentiles
 * are exact (every latency is kept and sorted).
 * <p>
 * The engine is deliberately lean, because on a 2-core machine the load generator shares the cores with
 * the server: a fixed pool of persistent HTTP/1.1 keep-alive connections over plain blocking sockets,
 * one worker thread per connection, request bytes built before the clock starts. A worker takes the
 * next request index, parks until its intended time, writes it and reads the whole response. When
 * every connection is busy, requests wait in the generator and that wait is part of their latency.
 * Requests that start more than {@link #LATE} after their intended time are counted ({@code late}) and
 * still sent and measured in full; only requests not even started by the end of the run plus
 * {@link #GRACE} are not sent: they count as failed with an infinite latency (never dropped silently).
 */
final class OpenLoad {

    /** Connections (and worker threads) by default; {@code -Dbench.openload.connections=N} overrides it. */
    static final int DEFAULT_CONNECTIONS = Integer.getInteger("bench.openload.connections", 64);

    /** A request starting later than this after its intended time counts as late. */
    static final Duration LATE = Duration.ofSeconds(1);

    /** How long after the last intended start requests may still start. */
    static final Duration GRACE = Duration.ofSeconds(10);

    static final Duration SOCKET_TIMEOUT = Duration.ofSeconds(10);

    /** How many failed requests a run describes in the log (which, when, how); all are counted. */
    static final int MAX_FAILURES_LOGGED = 10;

    /**
     * @param sent requests intended (all of them count: sent on the wire or not)
     * @param accepted answered 202
     * @param failed not 202, an I/O error or not started at all
     * @param late started more than {@link #LATE} after their intended time (still measured in full)
     * @param notStarted not started before the run's end + {@link #GRACE} (in {@code failed}, latency infinite)
     */
    record Result(int sent, int accepted, int failed, int late, int notStarted, int connections, double p50Ms,
            double p99Ms, double maxMs, double seconds) {

        double acceptedPerSecond() {
            return accepted / seconds;
        }

        /** For a report row: what was sent, what failed and how. */
        String summary() {
            return "failed " + failed + " / " + sent + (notStarted > 0 ? " (" + notStarted + " never started)" : "")
                    + "; started > " + LATE.toSeconds() + " s late: " + late;
        }

    }

    private OpenLoad() {
    }

    static String body(String origin, String prefix, long n) {
        return "{\"reportId\":\"" + UUID.randomUUID() + "\",\"pageUrl\":\"" + origin + "/articles/" + prefix + "-"
                + (n % 1000) + "\",\"pageTitle\":\"Bench article\",\"lang\":\"en\",\"selection\":\"" + prefix + n
                + "\",\"contextBefore\":\"A sentence with \",\"contextAfter\":\" in the middle.\",\"comment\":\"bench\"}";
    }

    static Result run(String url, String origin, String prefix, double ratePerSecond, Duration duration) throws Exception {
        return run(url, origin, prefix, ratePerSecond, duration, DEFAULT_CONNECTIONS);
    }

    static Result run(String url, String origin, String prefix, double ratePerSecond, Duration duration, int connections)
            throws Exception {
        int total = (int) Math.max(1, Math.round(ratePerSecond * duration.toMillis() / 1000.0));
        URI uri = URI.create(url);
        InetSocketAddress address = new InetSocketAddress(uri.getHost(), uri.getPort());
        byte[][] requests = requests(uri, origin, prefix, total);
        long[] latencies = new long[total];
        Arrays.fill(latencies, Long.MAX_VALUE);
        AtomicLong next = new AtomicLong();
        AtomicInteger accepted = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger late = new AtomicInteger();
        // the first few failures, for the log: which request, when, on which connection and how
        Queue<String> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger notStarted = new AtomicInteger();
        AtomicLong lastDone = new AtomicLong();
        double intervalNanos = 1e9 / ratePerSecond;
        long lateNanos = LATE.toNanos();
        long start = System.nanoTime() + 20_000_000L; // every worker is parked and connected by then
        long lastStart = start + (long) ((total - 1) * intervalNanos) + GRACE.toNanos();
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < connections; w++) {
            int id = w;
            Thread worker = new Thread(() -> {
                Connection connection = new Connection(address);
                try {
                    long i;
                    while ((i = next.getAndIncrement()) < total) {
                        int index = (int) i;
                        long intended = start + (long) (index * intervalNanos);
                        long wait;
                        while ((wait = intended - System.nanoTime()) > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        long begin = System.nanoTime();
                        if (begin > lastStart) {
                            notStarted.incrementAndGet();
                            failed.incrementAndGet();
                            continue; // latency stays infinite
                        }
                        if (begin - intended > lateNanos) {
                            late.incrementAndGet();
                        }
                        boolean fresh = connection.isClosed();
                        int status = connection.exchange(requests[index]);
                        requests[index] = null; // let the bytes go
                        long now = System.nanoTime();
                        latencies[index] = now - intended;
                        if (status == 202) {
                            accepted.incrementAndGet();
                        }
                        else if (failed.incrementAndGet() <= MAX_FAILURES_LOGGED) {
                            failures.add(String.format("request %d (intended at +%.3f s, took %.1f ms, %s connection %d): %s",
                                    index, (intended - start) / 1e9, (now - begin) / 1e6, fresh ? "new" : "reused",
                                    id,
                                    status < 0 ? connection.lastError() : "HTTP " + status));
                        }
                        lastDone.accumulateAndGet(now, Math::max);
                    }
                }
                finally {
                    connection.close();
                }
            }, "openload-" + w);
            worker.setDaemon(true);
            workers.add(worker);
        }
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join(); // also publishes every worker's latencies[] writes to this thread
        }
        double seconds = (Math.max(lastDone.get(), start + (long) ((total - 1) * intervalNanos)) - start) / 1e9;
        Arrays.sort(latencies);
        Result result = new Result(total, accepted.get(), failed.get(), late.get(), notStarted.get(), connections,
                percentile(latencies, 0.50), percentile(latencies, 0.99), percentile(latencies, 1.0), seconds);
        System.out.printf("openload %s at %.0f/s x %d s, %d connections: p50 %.2f ms, p99 %.2f ms, max %.2f ms; %s%n",
                url, ratePerSecond, duration.toSeconds(), connections, result.p50Ms(), result.p99Ms(), result.maxMs(),
                result.summary());
        failures.forEach((failure) -> System.out.println("  failed: " + failure));
        return result;
    }

    /** Every request's bytes, built before the clock starts: a fresh reportId and selection each. */
    static byte[][] requests(URI uri, String origin, String prefix, int total) {
        String head = "POST " + uri.getRawPath() + " HTTP/1.1\r\nHost: " + uri.getHost() + ":" + uri.getPort()
                + "\r\nContent-Type: application/json\r\nContent-Length: ";
        byte[][] requests = new byte[total][];
        for (int i = 0; i < total; i++) {
            byte[] body = body(origin, prefix, i).getBytes(StandardCharsets.UTF_8);
            byte[] headers = (head + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] request = Arrays.copyOf(headers, headers.length + body.length);
            System.arraycopy(body, 0, request, headers.length, body.length);
            requests[i] = request;
        }
        return requests;
    }

    static double percentile(long[] sorted, double p) {
        int index = (int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
        long value = sorted[index];
        return value == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : value / 1e6;
    }

    /** One keep-alive HTTP/1.1 connection, reopened after an error or a "Connection: close". */
    static final class Connection {

        private final InetSocketAddress address;

        private Socket socket;

        private OutputStream out;

        private InputStream in;

        private String lastError;

        Connection(InetSocketAddress address) {
            this.address = address;
        }

        /** @return whether the next exchange opens a new connection */
        boolean isClosed() {
            return this.socket == null;
        }

        /** @return the exception of the last exchange that returned -1 */
        String lastError() {
            return this.lastError;
        }

        /** @return the response's status, or -1 after an I/O error */
        int exchange(byte[] request) {
            try {
                if (socket == null) {
                    socket = new Socket();
                    socket.setTcpNoDelay(true);
                    socket.setSoTimeout((int) SOCKET_TIMEOUT.toMillis());
                    socket.connect(address, (int) SOCKET_TIMEOUT.toMillis());
                    out = socket.getOutputStream();
                    in = new BufferedInputStream(socket.getInputStream(), 8192);
                }
                out.write(request);
                out.flush();
                return readResponse();
            }
            catch (IOException | RuntimeException ex) {
                this.lastError = ex.toString();
                close();
                return -1;
            }
        }

        private int readResponse() throws IOException {
            String statusLine = line();
            // "HTTP/1.1 202 " (the reason phrase may be empty)
            int status = Integer.parseInt(statusLine.substring(9, 12));
            long contentLength = -1;
            boolean chunked = false;
            boolean close = false;
            String header;
            while (!(header = line()).isEmpty()) {
                int colon = header.indexOf(':');
                String name = header.substring(0, colon).trim();
                String value = header.substring(colon + 1).trim();
                if (name.equalsIgnoreCase("Content-Length")) {
                    contentLength = Long.parseLong(value);
                }
                else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                    chunked = value.toLowerCase().contains("chunked");
                }
                else if (name.equalsIgnoreCase("Connection")) {
                    close = value.equalsIgnoreCase("close");
                }
            }
            if (chunked) {
                long size;
                while ((size = Long.parseLong(chunkSize(line()), 16)) > 0) {
                    skip(size);
                    line(); // CRLF after the chunk
                }
                while (!line().isEmpty()) {
                    // trailers
                }
            }
            else if (contentLength > 0) {
                skip(contentLength);
            }
            else if (contentLength < 0 && status != 204 && status != 304 && status >= 200) {
                // body until the server closes: read it all, then reconnect
                while (in.read() >= 0) {
                }
                close = true;
            }
            if (close) {
                close();
            }
            return status;
        }

        private static String chunkSize(String line) {
            int extension = line.indexOf(';');
            return (extension >= 0 ? line.substring(0, extension) : line).trim();
        }

        private void skip(long n) throws IOException {
            while (n > 0) {
                long skipped = in.skip(n);
                if (skipped <= 0) {
                    if (in.read() < 0) {
                        throw new EOFException("connection closed in a response body");
                    }
                    skipped = 1;
                }
                n -= skipped;
            }
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            int c;
            while ((c = in.read()) != '\n') {
                if (c < 0) {
                    throw new EOFException("connection closed in a response head");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                }
                catch (IOException ignored) {
                    // closing anyway
                }
                socket = null;
            }
        }

    }

}
