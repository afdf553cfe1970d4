package io.helmdeck.release.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.RequestConfig;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.VersionInfo;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The cluster Helmdeck applies releases to, or the lack of one. Decided once (see {@link ClusterDetector});
 * {@link #kubeVersion()} is cached because every render needs it. Blocking: call it from worker threads.
 */
@ApplicationScoped
public class ClusterConnection {

    private static final Logger LOG = Logger.getLogger(ClusterConnection.class);

    private final KubeConfig config;
    private final ClusterSource source;
    private final Supplier<KubernetesClient> clientSupplier;
    private final Clock clock;
    private volatile KubernetesClient client;
    private volatile boolean ownsClient;
    private volatile CachedVersion cachedVersion;
    /** One client per impersonated user, made on first use and closed at shutdown. */
    private final Map<String, KubernetesClient> impersonating = new ConcurrentHashMap<>();

    @Inject
    ClusterConnection(KubeConfig config, Instance<KubernetesClient> quarkusClient,
            @ConfigProperty(name = "quarkus.kubernetes-client.api-server-url") Optional<String> apiServerUrl,
            @ConfigProperty(name = "quarkus.kubernetes-client.master-url") Optional<String> masterUrl) {
        this(config, ClusterDetector.detect(config.enabled(), System.getenv(), config.kubeconfig(),
                apiServerUrl.or(() -> masterUrl).or(ClusterConnection::fabric8Master),
                Path.of(System.getProperty("user.home")),
                ClusterDetector.SERVICE_ACCOUNT_TOKEN), quarkusClient::get, Clock.systemUTC());
    }

    /**
     * fabric8's own setting ({@code kubernetes.master} system property or {@code KUBERNETES_MASTER}), which the
     * Quarkus client honours too; the Kubernetes test server configures the client this way.
     */
    private static Optional<String> fabric8Master() {
        return Optional.ofNullable(System.getProperty("kubernetes.master"))
                .or(() -> Optional.ofNullable(System.getenv("KUBERNETES_MASTER")));
    }

    /** For tests and for callers that already hold a client: {@code quarkusClient} is used unless the source names a kubeconfig. */
    ClusterConnection(KubeConfig config, ClusterSource source, Supplier<KubernetesClient> quarkusClient, Clock clock) {
        this.config = config;
        this.source = source;
        this.clientSupplier = quarkusClient;
        this.clock = clock;
        LOG.infof("Kubernetes: %s", source.description());
    }

    /** Whether a cluster is configured; when not, releases are rendered and recorded but not applied. */
    public boolean available() {
        return source.configured();
    }

    /** How Helmdeck is connected, or why it is not. */
    public String describe() {
        return source.description();
    }

    public ClusterSource source() {
        return source;
    }

    /**
     * The client for the configured cluster.
     *
     * @throws IllegalStateException when no cluster is configured: callers check {@link #available()} first
     */
    public KubernetesClient client() {
        if (!available()) {
            throw new IllegalStateException(describe());
        }
        KubernetesClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = createClient();
                }
                current = client;
            }
        }
        return current;
    }

    /**
     * The client whose every request carries {@code identity}: Helmdeck's own client for
     * {@link ReleaseIdentity#helmdeck()}, else a client derived from it that sends {@code Impersonate-User} (same
     * server, TLS and credentials, same HTTP connection pool), cached per user.
     *
     * @throws IllegalStateException when no cluster is configured: callers check {@link #available()} first
     */
    public KubernetesClient client(ReleaseIdentity identity) {
        Optional<String> user = identity.impersonation();
        if (user.isEmpty()) {
            return client();
        }
        KubernetesClient own = client();
        return impersonating.computeIfAbsent(user.get(), name -> {
            RequestConfig request = new RequestConfigBuilder(own.getConfiguration().getRequestConfig())
                    .withImpersonateUsername(name).withImpersonateGroups().build();
            return own.newClient(request).adapt(KubernetesClient.class);
        });
    }

    private KubernetesClient createClient() {
        if (source.kubeconfig() == null) {
            return clientSupplier.get();
        }
        // The Quarkus client's kubeconfig setting is fixed at build time; this one is read at run time.
        try {
            String content = Files.readString(source.kubeconfig());
            Config fromFile = Config.fromKubeconfig(null, content, source.kubeconfig().toString());
            ownsClient = true;
            return new KubernetesClientBuilder().withConfig(fromFile).build();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read kubeconfig " + source.kubeconfig() + ": " + e.getMessage(), e);
        }
    }

    /**
     * The API server's version (e.g. {@code v1.31.2}) for rendering, cached for {@code helmdeck.kube.kube-version-cache-ttl};
     * the configured fallback when there is no cluster or it cannot be asked.
     */
    public String kubeVersion() {
        if (!available()) {
            return config.kubeVersionFallback();
        }
        CachedVersion cached = cachedVersion;
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.version();
        }
        try {
            return serverVersion();
        } catch (ApplyException e) {
            // Remember the fallback for a while too: asking again on every render costs a round trip and a warning.
            LOG.warnf("Using Kubernetes version %s for rendering for the next %s: %s", config.kubeVersionFallback(),
                    FALLBACK_TTL, e.getMessage());
            cachedVersion = new CachedVersion(config.kubeVersionFallback(), now.plus(FALLBACK_TTL));
            return config.kubeVersionFallback();
        }
    }

    /**
     * Asks the API server for its version now (and refreshes the cache).
     *
     * @throws ApplyException when no cluster is configured or the API server cannot be reached
     */
    public String serverVersion() throws ApplyException {
        if (!available()) {
            throw new ApplyException(describe());
        }
        try {
            VersionInfo info = client().getKubernetesVersion();
            String version = info == null ? null : info.getGitVersion();
            if (version == null || version.isBlank()) {
                throw new ApplyException("the API server did not report its version (" + describe() + ")");
            }
            cachedVersion = new CachedVersion(version, clock.instant().plus(config.kubeVersionCacheTtl()));
            return version;
        } catch (KubernetesClientException e) {
            throw new ApplyException("cannot reach the API server (" + describe() + "): " + ApplyErrors.reason(e), e);
        } catch (IllegalStateException e) {
            throw new ApplyException("cannot reach the API server (" + describe() + "): " + e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        impersonating.values().forEach(KubernetesClient::close);
        impersonating.clear();
        KubernetesClient current = client;
        if (ownsClient && current != null) {
            current.close();
        }
    }

    private static final Duration FALLBACK_TTL = Duration.ofMinutes(1);

    private record CachedVersion(String version, Instant expires) {
    }
}
