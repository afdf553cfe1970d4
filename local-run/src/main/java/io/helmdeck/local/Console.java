package io.helmdeck.local;

import java.io.PrintStream;

/** The launcher's stdout, shared by every service: each line is prefixed with where it came from. */
public final class Console {

    // Wide enough for "release-service", so the columns line up like docker compose's.
    private static final int PREFIX_WIDTH = 16;

    private final PrintStream out;

    public Console(PrintStream out) {
        this.out = out;
    }

    /** Prints one line as {@code source | text}; lines from concurrent sources never interleave. */
    public void line(String source, String text) {
        String prefix = String.format("%-" + PREFIX_WIDTH + "s| ", source);
        synchronized (out) {
            out.println(prefix + text);
        }
    }

    /** Prints text as is (the URL summary). */
    public void raw(String text) {
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
