package io.helmdeck.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Polls a service's {@code /q/health/ready} until it answers 200, the process dies, or time runs out. */
public final class ReadinessProbe {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(3);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();
    private final Duration timeout;

    public ReadinessProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** Returns once the service is ready; otherwise explains why not, naming the service and its log. */
    public void await(ServiceProcess child) throws StartupException, InterruptedException {
        PlatformService service = child.service();
        HttpRequest request = HttpRequest.newBuilder(service.readinessUri()).timeout(REQUEST_TIMEOUT).GET().build();
        long deadline = System.nanoTime() + timeout.toNanos();
        String lastAnswer = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (!child.isAlive()) {
                throw new StartupException(service.moduleName() + " exited with code " + child.exitCode()
                        + " before it became ready; see its log: " + child.logFile());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastAnswer = "HTTP " + response.statusCode() + " " + response.body().replaceAll("\\s+", " ");
            } catch (ConnectException e) {
                lastAnswer = "nothing listening on port " + service.port();
            } catch (IOException e) {
                lastAnswer = e.getClass().getSimpleName()
                        + (e.getMessage() == null ? "" : ": " + e.getMessage());
            }
            Thread.sleep(POLL_INTERVAL.toMillis());
        }
        throw new StartupException(service.moduleName() + " did not become ready within " + timeout.toSeconds()
                + " s at " + service.readinessUri() + " (last answer: " + lastAnswer + "); see its log: "
                + child.logFile());
    }
}
