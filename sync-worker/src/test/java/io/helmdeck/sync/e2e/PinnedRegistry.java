package io.helmdeck.sync.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import io.helmdeck.support.testing.ServiceJar;
import io.helmdeck.sync.testing.RegistryProcess;
import io.helmdeck.sync.testing.TestDirs;

/**
 * An anonymous, plain-HTTP Distribution registry on a port chosen once, so the same registry (same port, same
 * storage) can be stopped and started again: a registry outage as a sync worker sees it. {@link RegistryProcess}
 * picks a new port on every start, which would change the repository's URL.
 */
final class PinnedRegistry implements AutoCloseable {

    private final Path storage;
    private final int port;
    private final Path dir = TestDirs.newDir("pinned-registry");
    private Process process;
    private int starts;

    PinnedRegistry(Path storage) throws IOException {
        this.storage = storage;
        this.port = ServiceJar.freePort();
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    synchronized PinnedRegistry start() throws Exception {
        if (process != null && process.isAlive()) {
            return this;
        }
        starts++;
        Path config = Files.writeString(dir.resolve("config-" + starts + ".yml"), "version: 0.1\n"
                + "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + storage + "\n"
                + "http:\n  addr: " + address() + "\n  secret: helmdeck-e2e-secret\n");
        Path log = dir.resolve("registry-" + starts + ".log");
        process = new ProcessBuilder(RegistryProcess.BINARY, "serve", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("registry exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return this;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("registry did not listen on " + address() + ": " + Files.readString(log));
    }

    synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        process = null;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
