package io.helmdeck.release.e2e;

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
 * A packaged Quarkus service of this project ({@code ../<module>/target/quarkus-app/quarkus-run.jar}) as a child
 * process on a loopback port, with its log in a file. A missing jar fails the test: the reactor builds repo-service
 * and sync-worker before release-service (build-order dependencies in the pom).
 */
final class ChildService implements AutoCloseable {

    private final String module;
    private final Process process;
    private final Path log;
    private final int port;

    private ChildService(String module, Process process, Path log, int port) {
        this.module = module;
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Starts the module's jar with {@code env} and waits until {@code /q/health/ready} answers 200. */
    static ChildService start(String module, int port, Map<String, String> env, Path dir) throws Exception {
        Path jar = Path.of("..", module, "target", "quarkus-app", "quarkus-run.jar").toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(module + " is not packaged: " + jar + " is missing; run a reactor build "
                    + "from the project root (./mvnw verify), which packages it before release-service");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xmx256m", "-Duser.home=" + dir.resolve("home"), "-jar", jar.toString()))
                .directory(dir.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        Path log = dir.resolve(module + ".log");
        Process process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        ProcessHandle child = process.toHandle();
        Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly));
        ChildService service = new ChildService(module, process, log, port);
        service.awaitReady();
        return service;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    Path log() {
        return log;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
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
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException(module + " was not ready in 90 s (" + last + "):\n" + Files.readString(log));
    }

    static int freePort() throws IOException {
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
