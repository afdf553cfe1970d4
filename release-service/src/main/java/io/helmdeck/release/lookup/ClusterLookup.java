package io.helmdeck.release.lookup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmdeck.release.kube.ClusterConnection;
import io.helmdeck.release.kube.ReleaseIdentity;

/**
 * Gives each render the cluster its {@code lookup} calls may read: the configured connection as the release's
 * identity, or nothing when no cluster is configured. Helm's engine reads one kubeconfig file for the whole process
 * ({@link HelmEngineEnvironment}), so a render that calls {@code lookup} runs alone ({@link #forLookup}) while that
 * file names its identity's token; renders that do not call it share the engine ({@link #withoutLookup}) while the
 * file names the idle token's address, under which a {@code lookup} finds nothing.
 */
@ApplicationScoped
public class ClusterLookup {

    /** Process-wide because the kubeconfig Helm reads is. Fair, so a lookup render is not starved by the others. */
    private static final ReentrantReadWriteLock RENDERS = new ReentrantReadWriteLock(true);
    private static final Duration UPSTREAM_TIMEOUT = Duration.ofSeconds(30);
    private static volatile ClusterLookup offline;

    private final Supplier<Optional<KubernetesClient>> cluster;
    private final HelmEngineEnvironment.Status environment;
    private final LookupProxy proxy;

    /** A render's hold on Helm's engine; close it when Helm returns. */
    public interface Session extends AutoCloseable {
        /** Requests Helm sent through this session so far (0 for a session without lookup). */
        int lookupRequests();

        @Override
        void close();
    }

    @Inject
    ClusterLookup(ClusterConnection connection) {
        this(() -> connection.available() ? Optional.of(connection.client()) : Optional.empty());
    }

    /** @param cluster the configured cluster's client (Helmdeck's own identity), empty when none is configured */
    public ClusterLookup(Supplier<Optional<KubernetesClient>> cluster) {
        // Before anything of this instance can let Helm's library load.
        this.environment = HelmEngineEnvironment.prepare();
        this.cluster = cluster;
        try {
            this.proxy = LookupProxy.start();
            if (environment.redirected()) {
                HelmEngineEnvironment.write(environment.kubeconfig(), proxy.idleServer());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the lookup proxy for rendering: " + e.getMessage(), e);
        }
    }

    /** One shared instance without a cluster, for renderers built by hand (tools and tests). */
    public static ClusterLookup withoutCluster() {
        ClusterLookup current = offline;
        if (current == null) {
            synchronized (ClusterLookup.class) {
                if (offline == null) {
                    offline = new ClusterLookup(Optional::empty);
                }
                current = offline;
            }
        }
        return current;
    }

    /** Whether Helm's engine can be pointed at this instance at all, or why not. */
    public HelmEngineEnvironment.Status environment() {
        return environment;
    }

    /**
     * Waits until no other render runs, then points Helm's {@code lookup} at the configured cluster as
     * {@code identity} (at nothing, when no cluster is configured) until the session is closed.
     *
     * @throws IllegalStateException Helm's engine could not be redirected: check {@link #environment()} first
     */
    public Session forLookup(ReleaseIdentity identity) throws InterruptedException {
        if (!environment.redirected()) {
            throw new IllegalStateException(environment.problem());
        }
        Lock lock = RENDERS.writeLock();
        lock.lockInterruptibly();
        try {
            LookupUpstream upstream = cluster.get()
                    .<LookupUpstream>map(client -> new ClusterUpstream(client, identity, UPSTREAM_TIMEOUT))
                    .orElse(LookupAnswers::nothing);
            LookupProxy.Binding binding = proxy.bind(identity, upstream);
            point(proxy.server(binding));
            return new Session() {
                @Override
                public int lookupRequests() {
                    return binding.requests();
                }

                @Override
                public void close() {
                    try {
                        proxy.unbind(binding);
                        point(proxy.idleServer());
                    } finally {
                        lock.unlock();
                    }
                }
            };
        } catch (RuntimeException e) {
            lock.unlock();
            throw e;
        }
    }

    /** Lets a render that does not call {@code lookup} use Helm's engine beside others like it. */
    public Session withoutLookup() throws InterruptedException {
        Lock lock = RENDERS.readLock();
        lock.lockInterruptibly();
        return new Session() {
            @Override
            public int lookupRequests() {
                return 0;
            }

            @Override
            public void close() {
                lock.unlock();
            }
        };
    }

    private void point(String server) {
        Path file = environment.kubeconfig();
        try {
            HelmEngineEnvironment.write(file, server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the kubeconfig Helm reads for lookup: " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        proxy.close();
    }
}
