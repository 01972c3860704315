package io.github.spellingreports.bench;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The memory of a standalone as a whole, from {@code /proc}: its JVM (which runs the broker too) and
 * its PostgreSQL server, which the JVM starts through {@code pg_ctl} and which is then no child of
 * it: the server's postmaster is found by the pid in its cluster's {@code postmaster.pid}, its
 * backends and helpers by their parent. Proportional set sizes ({@code Pss} of
 * {@code /proc/PID/smaps_rollup}) are summed: each page shared by n processes (PostgreSQL's shared
 * buffers) counts 1/n in each, so once in the sum; resident sets would count it in every backend.
 */
final class Footprint {

    private Footprint() {
    }

    /** @return the MB of Pss of the JVM {@code jvmPid} and of the PostgreSQL server of the cluster in {@code cluster} */
    static double standaloneMb(long jvmPid, Path cluster) {
        List<Long> processes = new ArrayList<>(List.of(jvmPid));
        OptionalLong postmaster = postmasterPid(cluster);
        if (postmaster.isPresent()) {
            processes.addAll(tree(postmaster.getAsLong(), parents()));
        }
        return pssMb(processes);
    }

    /** @return the pid on the first line of the cluster's {@code postmaster.pid}, if it is there */
    static OptionalLong postmasterPid(Path cluster) {
        try {
            List<String> lines = Files.readAllLines(cluster.resolve("postmaster.pid"));
            return lines.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(lines.get(0).strip()));
        }
        catch (IOException | NumberFormatException ex) {
            return OptionalLong.empty();
        }
    }

    /** @return every process's parent, by pid, as {@code /proc/PID/stat} gives it */
    static Map<Long, Long> parents() {
        Map<Long, Long> parents = new HashMap<>();
        try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path process : processes) {
                try {
                    parents.put(Long.parseLong(process.getFileName().toString()), parentOf(Files.readString(process.resolve("stat"))));
                }
                catch (IOException | RuntimeException ex) {
                    // ended meanwhile
                }
            }
        }
        catch (IOException ex) {
            // not Linux
        }
        return parents;
    }

    /** @return the parent's pid in a {@code /proc/PID/stat} line: the second field after the command's name, which may hold ")" */
    static long parentOf(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[1]);
    }

    /** @return {@code root} and all its descendants */
    static List<Long> tree(long root, Map<Long, Long> parents) {
        Map<Long, List<Long>> children = new HashMap<>();
        parents.forEach((pid, parent) -> children.computeIfAbsent(parent, (key) -> new ArrayList<>()).add(pid));
        List<Long> tree = new ArrayList<>();
        Deque<Long> next = new ArrayDeque<>(List.of(root));
        while (!next.isEmpty()) {
            long pid = next.pop();
            tree.add(pid);
            next.addAll(children.getOrDefault(pid, List.of()));
        }
        return tree;
    }

    /** @return the summed Pss of these processes in MB (those gone meanwhile count nothing) */
    static double pssMb(List<Long> pids) {
        long kb = 0;
        for (long pid : pids) {
            try {
                kb += pssKb(Files.readString(Path.of("/proc", String.valueOf(pid), "smaps_rollup")));
            }
            catch (IOException | RuntimeException ex) {
                // gone
            }
        }
        return kb / 1024.0;
    }

    /** @return the kB of the {@code Pss:} line of a {@code smaps_rollup} */
    static long pssKb(String rollup) {
        return rollup.lines().filter((line) -> line.startsWith("Pss:")).findFirst()
                .map((line) -> Long.parseLong(line.replaceAll("\\D", ""))).orElse(0L);
    }

}
