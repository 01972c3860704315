package io.github.spellingreports.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process whose output goes to a log file, with a wait for a line. Always stopped by its own
 * handle (SIGTERM, then SIGKILL for it and the descendants it left, e.g. PostgreSQL); every started
 * process is also stopped by a shutdown hook.
 */
final class Proc implements AutoCloseable {

    private static final Set<Proc> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(RUNNING).forEach(Proc::close)));
    }

    final String name;

    final Process process;

    final long startedNanos;

    final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());

    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    /** Seconds from start to the standalone's "is up" banner, once {@link Bench#startStandalone} has seen it. */
    volatile double readySeconds = Double.NaN;

    private Proc(String name, Process process, long startedNanos) {
        this.name = name;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    static Proc start(String name, List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        long started = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Proc proc = new Proc(name, process, started);
        RUNNING.add(proc);
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                    PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
                String line;
                while ((line = in.readLine()) != null) {
                    out.println(line);
                    proc.lines.add(line);
                    synchronized (proc) {
                        proc.notifyAll();
                    }
                }
            }
            catch (IOException ex) {
                // the process went away
            }
            proc.ended.complete(null);
            synchronized (proc) {
                proc.notifyAll();
            }
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        return proc;
    }

    /** @return seconds from start until a line containing {@code text} */
    double await(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = 0;
        synchronized (this) {
            while (true) {
                while (seen < lines.size()) {
                    if (lines.get(seen++).contains(text)) {
                        return (System.nanoTime() - startedNanos) / 1e9;
                    }
                }
                if (ended.isDone()) {
                    throw new IllegalStateException(name + " ended before printing '" + text + "'");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new IllegalStateException(name + " did not print '" + text + "' within " + timeout);
                }
                wait(Math.max(1, Math.min(100, left / 1_000_000)));
            }
        }
    }

    /** Waits for the process to end by itself; @return its output. */
    List<String> awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            close();
            throw new IllegalStateException(name + " did not finish within " + timeout);
        }
        ended.orTimeout(5, TimeUnit.SECONDS).exceptionally((ex) -> null).join();
        RUNNING.remove(this);
        return List.copyOf(lines);
    }

    long pid() {
        return process.pid();
    }

    /**
     * Runs {@code jcmd PID COMMAND} against this process (a JVM).
     * @return jcmd's output, a line each
     */
    List<String> jcmd(String command) throws IOException, InterruptedException {
        Process jcmdProcess = new ProcessBuilder(Bench.jdkTool("jcmd"), String.valueOf(pid()), command).redirectErrorStream(true).start();
        List<String> lines = new String(jcmdProcess.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        jcmdProcess.waitFor();
        return lines;
    }

    /**
     * @return seconds the JVM's JIT compilers spent compiling since it started ({@code java.ci.totalTime} of
     *         {@code jcmd PID PerfCounter.print}, in ticks of {@code sun.os.hrt.frequency}), or -1
     */
    double jitSeconds() {
        try {
            double ticks = -1;
            double frequency = -1;
            for (String line : jcmd("PerfCounter.print")) {
                if (line.startsWith("java.ci.totalTime=")) {
                    ticks = Double.parseDouble(line.substring(line.indexOf('=') + 1));
                }
                else if (line.startsWith("sun.os.hrt.frequency=")) {
                    frequency = Double.parseDouble(line.substring(line.indexOf('=') + 1));
                }
            }
            return (ticks < 0 || frequency <= 0) ? -1 : ticks / frequency;
        }
        catch (IOException | NumberFormatException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The cluster directory of the PostgreSQL server this process (a standalone) runs, if it runs one. */
    volatile Path postgresCluster;

    /**
     * @return MB of the whole standalone: the summed Pss of this JVM and of its PostgreSQL server's processes
     *         ({@link Footprint}); this JVM's alone without a PostgreSQL server
     */
    double footprintMb() {
        return (this.postgresCluster != null) ? Footprint.standaloneMb(pid(), this.postgresCluster) : Footprint.pssMb(List.of(pid()));
    }

    /** @return VmRSS in MB from /proc (this JVM only: the broker runs in it, its PostgreSQL server does not), or -1 */
    double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid() + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        }
        catch (IOException | RuntimeException ex) {
            // gone
        }
        return -1;
    }

    @Override
    public void close() {
        if (!RUNNING.remove(this)) {
            return;
        }
        List<ProcessHandle> descendants = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        for (ProcessHandle descendant : descendants) {
            if (descendant.isAlive()) {
                descendant.destroyForcibly();
            }
        }
    }

}
