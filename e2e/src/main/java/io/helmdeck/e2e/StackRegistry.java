package io.helmdeck.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real CNCF Distribution registry ({@code /usr/bin/docker-registry}, Debian package {@code docker-registry}) as a
 * child process on a free loopback port, storage and log under the stack's folder, no authentication.
 */
public final class StackRegistry implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/docker-registry");

    private final Process process;
    private final int port;

    private StackRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static StackRegistry start(Path dir) throws IOException, InterruptedException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: install the Debian package docker-registry");
        }
        Files.createDirectories(dir);
        int port = StackUnderTest.freePort();
        Path config = Files.writeString(dir.resolve("config.yml"), """
                version: 0.1
                log:
                  level: warn
                  accesslog:
                    disabled: true
                storage:
                  filesystem:
                    rootdirectory: %s
                  delete:
                    enabled: true
                http:
                  addr: 127.0.0.1:%d
                  secret: helmdeck-stack-e2e
                """.formatted(dir.resolve("storage"), port));
        Process process = new ProcessBuilder(BINARY.toString(), "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("registry.log").toFile()).start();
        StackRegistry registry = new StackRegistry(process, port);
        StackUnderTest.awaitHttp(process, URI.create("http://" + registry.address() + "/v2/"), Duration.ofSeconds(20),
                status -> true, dir.resolve("registry.log"));
        return registry;
    }

    /** {@code host:port}, as in {@code oci://host:port/charts/name}. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** The digest the registry answers for {@code repository:tag} (a HEAD as an OCI client sends it). */
    public String digest(String repository, String tag) throws IOException, InterruptedException {
        HttpResponse<Void> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://" + address() + "/v2/" + repository + "/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.oci.image.manifest.v1+json").build(),
                HttpResponse.BodyHandlers.discarding());
        return response.headers().firstValue("Docker-Content-Digest").orElseThrow(
                () -> new IllegalStateException(repository + ":" + tag + " answered " + response.statusCode()));
    }

    @Override
    public void close() {
        StackProcess.stop(process);
    }
}
