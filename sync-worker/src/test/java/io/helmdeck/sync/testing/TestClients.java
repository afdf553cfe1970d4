package io.helmdeck.sync.testing;

import io.helmdeck.sync.config.SyncConfig;
import io.helmdeck.sync.oci.RegistryClient;
import io.helmdeck.sync.oci.RegistryHttpClients;
import io.helmdeck.sync.oci.RegistryMetrics;
import io.helmdeck.sync.oci.RegistryTransport;
import io.helmdeck.sync.oci.TokenCache;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.Vertx;

/** Wires a {@link RegistryClient} by hand, as CDI would, so client tests need no Quarkus boot. */
public final class TestClients {

    private static final Vertx VERTX = Vertx.vertx();

    public final TokenCache tokens = new TokenCache();
    public final RegistryMetrics metrics = new RegistryMetrics(new SimpleMeterRegistry());
    public final RegistryClient client;

    public TestClients(SyncConfig config) {
        RegistryTransport transport = new RegistryTransport(new RegistryHttpClients(VERTX), metrics);
        this.client = new RegistryClient(transport, tokens, config);
    }

    /** The Vert.x instance shared by hand-wired clients in tests. */
    public static Vertx vertx() {
        return VERTX;
    }

    public TestClients() {
        this(TestSyncConfig.defaults());
    }
}
