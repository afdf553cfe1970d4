package io.helmdeck.support.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One packaged Helmdeck service ({@code ../<module>/target/quarkus-app/quarkus-run.jar}) run as a child JVM on a
 * loopback port, its output in a log file: the other services of release-service's end-to-end tests and of the
 * portal's browser tests. The reactor packages the services before the module whose tests start them (build-order
 * dependencies in its pom); a missing jar says how to build it.
 */
public final class ServiceJar implements AutoCloseable {

    private final String module;
    private final Process process;
    private final Path log;
    private final int port;

    private ServiceJar(String module, Process process, Path log, int port) {
        this.module = module;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts {@code module} with {@code env} added to this JVM's environment; returns once it is ready. */
    public static ServiceJar start(String module, int port, Map<String, String> env, Path dir) throws Exception {
        Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module + " is not packaged (" + jar + " is missing): build from the "
                    + "project root, e.g. ./mvnw verify -pl <the module under test> -am, which packages it first");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx320m", "-Duser.home=" + dir.resolve("home"),
                "-Djna.tmpdir=" + dir.resolve("jna"), "-jar", jar.toString())).directory(dir.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        Path log = dir.resolve(module + ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ProcessHandle child = process.toHandle();
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly));
        ServiceJar service = new ServiceJar(module, process, log, port);
        service.awaitReady();
        return service;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Where the service's output goes: {@code <dir>/<module>.log}. */
    public Path log() {
        return log;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        String last = "no answer";
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException(module + " exited with " + process.exitValue() + ":\n"
                        + Files.readString(log));
            }
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(150);
        }
        close();
        throw new IllegalStateException(module + " was not ready in 120 s (" + last + "):\n" + Files.readString(log));
    }

    /** A port nobody listens on right now (never 8081-8083 in practice: the OS picks from its ephemeral range). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
