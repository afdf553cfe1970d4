package io.helmdeck.sync.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One anonymous registry per test JVM, filled once with charts pushed by Helm; other registries (htpasswd, token,
 * TLS) serve the same storage directory, so every test reads the same, real artifacts.
 */
public final class SharedRegistry {

    public static final String DEMO_REPO = "charts/demo";
    public static final String DEMO_VERSION = "0.1.0";
    public static final String PAGED_REPO = "charts/paged";
    public static final List<String> PAGED_VERSIONS =
            List.of("1.0.0", "1.0.1", "1.0.2", "1.0.3", "1.0.4", "1.0.5", "1.0.6");

    private static SharedRegistry instance;

    public final Path storage;
    public final RegistryProcess registry;
    public final byte[] demoChart;

    private SharedRegistry() throws Exception {
        storage = TestDirs.newDir("storage");
        registry = RegistryProcess.start(storage, new RegistryProcess.Auth.None());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                registry.close();
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }));
        Path demo = Charts.create("demo", DEMO_VERSION);
        Charts.push(demo, registry.address(), "charts");
        demoChart = Files.readAllBytes(demo);
        List<Path> paged = new ArrayList<>();
        for (String version : PAGED_VERSIONS) {
            paged.add(Charts.create("paged", version));
        }
        for (Path chart : paged) {
            Charts.push(chart, registry.address(), "charts");
        }
    }

    public static synchronized SharedRegistry get() throws Exception {
        if (instance == null) {
            instance = new SharedRegistry();
        }
        return instance;
    }

    /** Another registry process over the same storage. */
    public RegistryProcess startSibling(RegistryProcess.Auth auth, TestPki tls) throws Exception {
        return RegistryProcess.start(storage, auth, tls);
    }
}
