package io.helmdeck.support.startup;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;

/**
 * The training start of the class archive (ADR 0036). An image is built with one start of its service under the
 * {@code cds-training} profile and {@code -XX:ArchiveClassesAtExit}: at exit the JVM writes the classes it loaded and
 * linked to an archive, and every later start maps them instead of reading, parsing and verifying each again. With
 * {@code helmdeck.cds-training.exit-after-start=true} (set only by that profile), once started the service asks its
 * own readiness and metrics endpoints once, over HTTP as a kubelet and Prometheus would, so that what a real start
 * loads before it is ready is in the archive too, and then stops. The profile points the database and the peers at
 * an address where nothing listens, so the training start needs nothing outside its own process; the readiness
 * answer (503) does not matter.
 */
@ApplicationScoped
public class ClassArchiveTraining {

    private static final Logger LOG = Logger.getLogger(ClassArchiveTraining.class);

    private final boolean exitAfterStart;
    private final int port;

    public ClassArchiveTraining(
            @ConfigProperty(name = "helmdeck.cds-training.exit-after-start", defaultValue = "false") boolean exit,
            @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int port) {
        this.exitAfterStart = exit;
        this.port = port;
    }

    void trainThenExit(@Observes StartupEvent started) {
        if (!exitAfterStart) {
            return;
        }
        // Not on the thread that fires StartupEvent: the HTTP server starts listening only after the observers ran.
        Thread training = new Thread(this::probeThenExit, "helmdeck-cds-training");
        training.setDaemon(true);
        training.start();
    }

    private void probeThenExit() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        for (String path : new String[] { "/q/health/ready", "/q/metrics" }) {
            URI uri = URI.create("http://127.0.0.1:" + port + path);
            try {
                int status = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                LOG.infof("class archive training: %s answered %d", path, status);
            } catch (IOException e) {
                LOG.warnf("class archive training: %s failed (%s); the archive lacks what it would load", path,
                        e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        Quarkus.asyncExit(0);
    }
}
