package io.helmdeck.release.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's load average, written beside every bench figure: on a shared machine the figures mean little without it. */
final class BenchLoad {

    private BenchLoad() {
    }

    /** "1-min 5-min 15-min" from /proc/loadavg, or "?" where there is none. */
    static String average() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }
}
