package io.helmdeck.release.render;

import org.jboss.logging.Logger;

import sun.misc.Signal;

/**
 * Gives SIGTERM, SIGINT and SIGHUP back to the JVM after a helm-java call. helm-java's install/template code calls Go's
 * {@code signal.Notify} for these signals on every call, which replaces the JVM's handlers: from the first render on,
 * the process ignored SIGTERM (tried by hand: a JVM that had rendered once kept running after {@code kill -TERM} and
 * its shutdown hooks never ran), so Kubernetes could only SIGKILL the pod after the grace period. The handlers
 * installed here do what the JVM's own do: run the shutdown hooks and exit with 128 + the signal number.
 */
final class GoSignalGuard {

    private static final Logger LOG = Logger.getLogger(GoSignalGuard.class);
    private static final String[] SIGNALS = {"TERM", "INT", "HUP"};

    private GoSignalGuard() {
    }

    static void restoreJvmHandlers() {
        for (String name : SIGNALS) {
            try {
                Signal.handle(new Signal(name), signal -> System.exit(128 + signal.getNumber()));
            } catch (IllegalArgumentException e) {
                // The JVM runs with -Xrs or the signal is reserved on this OS: nothing to give back.
                LOG.debugf("cannot restore the JVM's SIG%s handler: %s", name, e.getMessage());
            }
        }
    }
}
