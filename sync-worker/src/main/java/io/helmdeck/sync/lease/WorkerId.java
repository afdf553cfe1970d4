package io.helmdeck.sync.lease;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.helmdeck.sync.config.SyncLoopConfig;

/**
 * The name this worker holds leases under. The random suffix keeps two processes on one host (or a restarted pod
 * that kept its name) from mistaking each other's leases for their own.
 */
@ApplicationScoped
public class WorkerId {

    private final String value;

    @Inject
    public WorkerId(SyncLoopConfig config) {
        this(config.workerId().filter(s -> !s.isBlank()).orElseGet(WorkerId::generate));
    }

    public WorkerId(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    static String generate() {
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        return hostname() + "-" + HexFormat.of().formatHex(suffix);
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            return "sync-worker";
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
