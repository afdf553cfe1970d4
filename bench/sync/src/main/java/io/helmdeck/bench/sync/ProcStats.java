package io.helmdeck.bench.sync;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Reads /proc: peak and current RSS, CPU time of a process (and of its children), machine load. */
final class ProcStats {

    private static final double TICKS = 100.0; // USER_HZ on Linux x86-64

    private ProcStats() {
    }

    /** A line of /proc/PID/status such as VmHWM, in MiB; NaN when the process is gone. */
    static double statusMiB(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field + ":")) {
                    String[] parts = line.substring(field.length() + 1).strip().split("\\s+");
                    return Long.parseLong(parts[0]) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            // gone
        }
        return Double.NaN;
    }

    /** utime + stime of one process, in seconds. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // after "pid (comm) ": state=0, ppid=1, ..., utime=11, stime=12
            return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / TICKS;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static long parentOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[1]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** CPU seconds of a process and its direct children (PostgreSQL: the postmaster and its backends). */
    static double cpuSecondsWithChildren(long pid) {
        double total = cpuSeconds(pid);
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            List<Long> children = procs.map(p -> p.getFileName().toString()).filter(s -> s.chars().allMatch(Character::isDigit))
                    .map(Long::parseLong).filter(p -> parentOf(p) == pid).toList();
            for (long child : children) {
                total += cpuSeconds(child);
            }
        } catch (IOException e) {
            // ignore
        }
        return total;
    }

    /** Busy and total jiffies of the whole machine, from the first line of /proc/stat. */
    static long[] machineTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).split("\\s+");
            long total = 0;
            for (int i = 1; i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]);
            return new long[] {total - idle, total};
        } catch (IOException | RuntimeException e) {
            return new long[] {0, 0};
        }
    }

    static String loadavg() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException e) {
            return "?";
        }
    }
}
