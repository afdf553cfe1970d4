package io.helmdeck.support.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The real CNCF Distribution registry ({@code /usr/bin/docker-registry}), anonymous, on a loopback port: what the
 * end-to-end tests of release-service and the portal's stack push charts to. (sync-worker's RegistryProcess adds
 * authentication and TLS for its own tests.)
 */
public final class LocalRegistry implements AutoCloseable {

    private final Process process;
    private final int port;

    private LocalRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts one with its configuration, storage and log under {@code dir}; answers once it serves /v2/. */
    public static LocalRegistry start(Path dir) throws Exception {
        int port = ServiceJar.freePort();
        String config = "version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("registry-storage") + "\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: helmdeck-test\n";
        Path file = Files.writeString(dir.resolve("registry.yml"), config);
        Process process = new ProcessBuilder("/usr/bin/docker-registry", "serve", file.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        LocalRegistry registry = new LocalRegistry(process, port);
        HttpClient http = HttpClient.newHttpClient();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            try {
                http.send(HttpRequest.newBuilder(URI.create("http://" + registry.address() + "/v2/"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
                return registry;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        registry.close();
        throw new IllegalStateException("registry did not start: " + Files.readString(dir.resolve("registry.log")));
    }

    /** host:port, as in {@code oci://host:port/path}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
