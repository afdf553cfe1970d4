package io.helmdeck.bench.sync;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.marcnuri.helm.Helm;

/**
 * The real CNCF Distribution registry ({@code /usr/bin/docker-registry}, Debian package) on a free loopback port,
 * storage under the bench's target/, access log off, holding one chart pushed with Helm itself.
 */
final class BenchRegistry implements AutoCloseable {

    static final String BINARY = "/usr/bin/docker-registry";
    static final String MANIFEST_TYPE = "application/vnd.oci.image.manifest.v1+json";

    private final Process process;
    private final int port;

    private BenchRegistry(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static BenchRegistry start(Path dir) throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        String config = "version: 0.1\n"
                + "log:\n  level: warn\n  accesslog:\n    disabled: true\n"
                + "storage:\n  filesystem:\n    rootdirectory: " + dir.resolve("storage") + "\n"
                + "http:\n  addr: 127.0.0.1:" + port + "\n  secret: helmdeck-bench-secret\n";
        Path configFile = Files.writeString(dir.resolve("config.yml"), config);
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder(BINARY, "serve", configFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        BenchRegistry registry = new BenchRegistry(process, port);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI ping = URI.create("http://" + registry.address() + "/v2/");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("registry exited: " + Files.readString(log));
            }
            try {
                http.send(HttpRequest.newBuilder(ping).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return registry;
            } catch (IOException e) {
                if (System.nanoTime() > end) {
                    registry.close();
                    throw new IllegalStateException("registry did not answer on " + ping);
                }
                Thread.sleep(50);
            }
        }
    }

    /** helm create + package (version written into Chart.yaml) + push --plain-http to oci://address/charts. */
    void pushChart(Path work, String name, String version) throws IOException {
        Path dir = Files.createDirectories(work);
        Helm helm = Helm.create().withName(name).withDir(dir).call();
        Path chartYaml = dir.resolve(name).resolve("Chart.yaml");
        Files.writeString(chartYaml, Files.readString(chartYaml).replaceFirst("(?m)^version: .*$", "version: " + version));
        helm.packageIt().withDestination(dir).call();
        Helm.push().withChart(dir.resolve(name + "-" + version + ".tgz"))
                .withRemote(URI.create("oci://" + address() + "/charts")).plainHttp().call();
    }

    String address() {
        return "127.0.0.1:" + port;
    }

    long pid() {
        return process.pid();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        Services.stop(process);
    }
}
