package io.helmdeck.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * Runs the simulated controllers one after another on a single thread every {@code tick}, as clients of the sandbox's
 * own API (so watches see their status writes). A controller that fails is logged and tried again next time.
 */
final class ControllerLoop implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(ControllerLoop.class.getName());

    private final List<SandboxController> controllers;
    private final KubernetesClient client;
    private final Runnable afterPass;
    private final Clock clock;
    private volatile boolean closing;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "sandbox-controllers");
        thread.setDaemon(true);
        return thread;
    });

    ControllerLoop(List<SandboxController> controllers, KubernetesClient client, Runnable afterPass, Clock clock) {
        this.controllers = controllers;
        this.client = client;
        this.afterPass = afterPass;
        this.clock = clock;
    }

    void start(long tickMillis) {
        scheduler.scheduleWithFixedDelay(this::pass, Math.max(1, tickMillis), Math.max(1, tickMillis),
                TimeUnit.MILLISECONDS);
    }

    /** One pass of every controller. */
    void pass() {
        for (SandboxController controller : controllers) {
            if (closing) {
                return;
            }
            try {
                controller.reconcile(client, clock.instant());
            } catch (RuntimeException e) {
                if (closing) {
                    return;
                }
                LOG.log(Level.WARNING, controller.getClass().getSimpleName() + " failed; trying again next pass", e);
            }
        }
        afterPass.run();
    }

    @Override
    public void close() {
        closing = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
