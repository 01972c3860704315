package io.github.spellingreports.standalone.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.github.spellingreports.worker.WorkerApplication;

/**
 * report-worker in a JVM of its own, started from this test's class path (the classes under test,
 * whichever way Maven was invoked), so that it can be killed like a crashed process.
 */
final class WorkerProcess implements AutoCloseable {

    private final Process process;

    private WorkerProcess(Process process) {
        this.process = process;
    }

    /** @return a new file under {@code target/faults} (kept after the test, unlike a temporary directory) */
    static Path logFile(String name) {
        try {
            Path directory = java.nio.file.Files.createDirectories(Path.of("target", "faults"));
            return directory.resolve(name + "-" + System.currentTimeMillis() + ".log");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * @param log where the worker's output goes (appended)
     */
    static WorkerProcess start(Infrastructure infrastructure, Path log) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                WorkerApplication.class.getName()));
        command.addAll(Services.workerArgs(infrastructure));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile())).start();
            // should this JVM be stopped before the test's own clean-up, take the worker along
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-worker-" + process.pid()));
            return new WorkerProcess(process);
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    boolean isAlive() {
        return this.process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no offset commit, no goodbye to the group coordinator. */
    void kill() throws InterruptedException {
        this.process.destroyForcibly();
        if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("worker process " + this.process.pid() + " did not die");
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (this.process.isAlive()) {
            this.process.destroy();
            if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
                kill();
            }
        }
    }

}
