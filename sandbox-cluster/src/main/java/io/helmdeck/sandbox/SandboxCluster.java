package io.helmdeck.sandbox;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;

/**
 * A simulated Kubernetes cluster on a local port: fabric8's in-memory API server plus discovery, collection kinds,
 * impersonation RBAC and controllers that write the statuses a real cluster's controllers would (see
 * {@code docs/decisions/0017-sandbox-cluster.md} for what that proves and what it cannot). It stores objects and
 * reports on them; it runs no container.
 *
 * <pre>
 * try (SandboxCluster cluster = SandboxCluster.start(SandboxSettings.defaults().withReadyDelay(Duration.ofMillis(300)))) {
 *     cluster.writeKubeconfig(dir.resolve("kubeconfig"));
 *     cluster.client().apps().deployments()...
 * }
 * </pre>
 */
public final class SandboxCluster implements AutoCloseable {

    /** The cluster, context and user name in the kubeconfig it writes. */
    public static final String CONTEXT = "helmdeck-sandbox";
    private static final String LOOPBACK = "127.0.0.1";
    // Held in fields: java.util.logging keeps loggers weakly, and a collected one forgets its level.
    private static final Logger MOCK_SERVER_LOG = Logger.getLogger(MockWebServer.class.getName());

    private final SandboxSettings settings;
    private final KubernetesMockServer server;
    private final AccessGrants grants = new AccessGrants();
    private final KubernetesClient controllerClient;
    private final KubernetesClient adminClient;
    private final ControllerLoop controllers;

    private SandboxCluster(SandboxSettings settings, int port) {
        // The mock server logs every request at INFO: thousands a minute with the controllers polling.
        MOCK_SERVER_LOG.setLevel(Level.WARNING);
        this.settings = settings;
        // fabric8's serializer scans the class path for model classes on first use: do it here rather than on the
        // server's event loop, which it would block for seconds.
        StatusResponses.serialization().asJson(new io.fabric8.kubernetes.api.model.Status());
        Serialization.unmarshal(Serialization.asJson(new io.fabric8.kubernetes.api.model.ConfigMap()),
                io.fabric8.kubernetes.api.model.GenericKubernetesResource.class);
        SandboxStore store = new SandboxStore();
        KindCatalog catalog = new KindCatalog(store::customResourceDefinitions);
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer[] self = new KubernetesMockServer[1];
        ApiDiscovery discovery = new ApiDiscovery(catalog, () -> LOOPBACK + ":" + self[0].getPort(),
                settings.kubeVersion());
        SandboxDispatcher dispatcher = new SandboxDispatcher(expectations, store, discovery,
                new ImpersonationRbac(grants), new CollectionResponses(catalog));
        server = new KubernetesMockServer(new Context(Serialization.jsonMapper()), new MockWebServer(), expectations,
                dispatcher, false);
        self[0] = server;
        server.start(InetAddress.getLoopbackAddress(), port);
        // fabric8 answers "/" and "/version" from expectations it records at start; the dispatcher answers them.
        server.clearExpectations();
        controllerClient = newClient(baseConfig());
        adminClient = newClient(baseConfig());
        controllers = new ControllerLoop(List.of(
                new NamespaceController(),
                new CrdController(),
                new DeploymentController(settings.readyDelay()),
                new StatefulSetController(settings.readyDelay()),
                new DaemonSetController(settings.readyDelay(), settings.nodes()),
                new ReplicaSetController(settings.readyDelay()),
                new JobController(settings.readyDelay()),
                new PodController(settings.readyDelay()),
                new VolumeClaimController(),
                new LoadBalancerController(settings.readyDelay())),
                controllerClient, this::dropRecordedRequests, Clock.systemUTC());
        // One pass before anyone is told the address: the first requests load most of fabric8's model classes on
        // the server's event loop, which takes seconds on a busy machine.
        controllers.pass();
        controllers.start(settings.tick().toMillis());
    }

    /** Starts a sandbox with {@link SandboxSettings#defaults()} on a free loopback port. */
    public static SandboxCluster start() {
        return start(SandboxSettings.defaults());
    }

    /** Starts a sandbox on a free loopback port. */
    public static SandboxCluster start(SandboxSettings settings) {
        return start(settings, 0);
    }

    /** Starts a sandbox on the given loopback port ({@code 0}: any free one). */
    public static SandboxCluster start(SandboxSettings settings, int port) {
        return new SandboxCluster(settings, port);
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** {@code http://127.0.0.1:<port>}, the API server URL. */
    public String url() {
        return "http://" + LOOPBACK + ":" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    /** A client with the cluster admin's rights (no impersonation). Closed with the sandbox. */
    public KubernetesClient client() {
        return adminClient;
    }

    /** A new client that impersonates {@code user}, e.g. {@link AccessGrants#serviceAccount}; the caller closes it. */
    public KubernetesClient clientAs(String user) {
        return newClient(new ConfigBuilder(baseConfig()).withImpersonateUsername(user).build());
    }

    /** What impersonated users may reach beyond their own namespace. */
    public AccessGrants access() {
        return grants;
    }

    /** fabric8's server, for {@code expect()} (expectations win over the store) and {@code takeRequest()}. */
    public KubernetesMockServer server() {
        return server;
    }

    /** A kubeconfig that points at this sandbox (context {@value #CONTEXT}, namespace {@code default}). */
    public String kubeconfig() {
        return """
                apiVersion: v1
                kind: Config
                clusters:
                - name: %1$s
                  cluster:
                    server: %2$s
                contexts:
                - name: %1$s
                  context:
                    cluster: %1$s
                    user: %1$s
                    namespace: default
                current-context: %1$s
                users:
                - name: %1$s
                  user:
                    token: sandbox
                """.formatted(CONTEXT, url());
    }

    /** Writes {@link #kubeconfig()} to {@code file} (owner-only where the file system allows) and returns it. */
    public Path writeKubeconfig(Path file) throws IOException {
        Path absolute = file.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temporary = Files.createTempFile(absolute.getParent(), ".kubeconfig", ".tmp");
        Files.writeString(temporary, kubeconfig());
        try {
            Files.setPosixFilePermissions(temporary, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
        return Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Runs every controller once now, on the caller's thread (tests that want no wait for the next tick). */
    public void reconcileNow() {
        controllers.pass();
    }

    @Override
    public void close() {
        controllers.close();
        controllerClient.close();
        adminClient.close();
        server.shutdown();
    }

    private void dropRecordedRequests() {
        if (settings.recordRequests()) {
            return;
        }
        try {
            while (server.takeRequest(0, TimeUnit.NANOSECONDS) != null) {
                // discard: a long-running sandbox would otherwise keep every request it ever served
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Config baseConfig() {
        return new ConfigBuilder(Config.empty()).withMasterUrl(url()).withNamespace("default")
                .withHttp2Disable(true).withRequestRetryBackoffLimit(0).build();
    }

    private static KubernetesClient newClient(Config config) {
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * {@code java -jar sandbox-cluster.jar [--port N] [--kubeconfig FILE] [--ready-delay 2s]}: serves a sandbox until
     * Ctrl-C, with a kubeconfig pointing at it.
     */
    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int port = Integer.parseInt(options.getOrDefault("--port", "0"));
        Path kubeconfig = Path.of(options.getOrDefault("--kubeconfig", "sandbox-kubeconfig"));
        SandboxSettings settings = SandboxSettings.defaults()
                .withReadyDelay(duration(options.getOrDefault("--ready-delay", "2s")));
        SandboxCluster cluster = start(settings, port);
        cluster.writeKubeconfig(kubeconfig);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            cluster.close();
            stopped.countDown();
        }, "sandbox-shutdown"));
        System.out.println("Sandbox cluster (simulated: it stores objects and writes their status; it runs no"
                + " container) at " + cluster.url() + "\nkubeconfig: " + kubeconfig.toAbsolutePath()
                + "\nworkloads become ready " + settings.readyDelay().toMillis() + " ms after a change;"
                + " images tagged :broken never do. Ctrl-C stops it; nothing is kept.");
        stopped.await();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        List<String> list = new ArrayList<>(List.of(args));
        for (int i = 0; i < list.size(); i++) {
            String arg = list.get(i);
            if (!arg.startsWith("--") || i + 1 >= list.size()) {
                throw new IllegalArgumentException("usage: [--port N] [--kubeconfig FILE] [--ready-delay 2s]; got "
                        + arg);
            }
            options.put(arg, list.get(++i));
        }
        return options;
    }

    /** {@code 2s}, {@code 500ms}, {@code 1m} or ISO-8601 ({@code PT2S}). */
    static Duration duration(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        try {
            if (value.startsWith("p")) {
                return Duration.parse(text.trim());
            }
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            if (value.endsWith("s")) {
                return Duration.ofSeconds(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            if (value.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(value.substring(0, value.length() - 1)));
            }
            throw new NumberFormatException(text);
        } catch (NumberFormatException | DateTimeParseException e) {
            throw new IllegalArgumentException("not a duration: " + text + " (e.g. 2s, 500ms, 1m)", e);
        }
    }
}
