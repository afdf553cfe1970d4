package io.helmdeck.bench.sync;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A service started as {@code java -jar quarkus-run.jar} with its configuration in environment variables. */
final class Services {

    private Services() {
    }

    record Service(String name, Process process, int port, Path log) {
        URI uri(String path) {
            return URI.create("http://127.0.0.1:" + port + path);
        }

        long pid() {
            return process.pid();
        }
    }

    static Service start(String name, Path app, int port, Map<String, String> env, List<String> jvmOptions, Path log)
            throws IOException {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(app.resolve("quarkus-run.jar").toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        builder.environment().put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        return new Service(name, builder.start(), port, log);
    }

    static void awaitReady(HttpClient http, Service service, Duration timeout) throws Exception {
        long end = System.nanoTime() + timeout.toNanos();
        URI ready = service.uri("/q/health/ready");
        while (System.nanoTime() < end) {
            if (!service.process().isAlive()) {
                throw new IllegalStateException(service.name() + " exited; see " + service.log());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(2))
                        .build(), HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not up yet
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException(service.name() + " not ready after " + timeout + "; see " + service.log());
    }

    static void stop(Process process) {
        io.helmdeck.local.ServiceProcess.terminate(process);
    }
}
