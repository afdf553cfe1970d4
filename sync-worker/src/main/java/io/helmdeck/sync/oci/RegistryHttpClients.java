package io.helmdeck.sync.oci;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.net.TrustOptions;

/**
 * Vert.x HTTP clients, one per distinct TLS trust configuration: repositories without a CA bundle share one client
 * (and its connection pool); each distinct extra bundle gets its own because trust is fixed per client.
 */
@ApplicationScoped
public class RegistryHttpClients {

    private static final String DEFAULT_TRUST = "default";

    private final Vertx vertx;
    private final ConcurrentHashMap<String, HttpClient> clients = new ConcurrentHashMap<>();

    public RegistryHttpClients(Vertx vertx) {
        this.vertx = vertx;
    }

    HttpClient forCaBundle(String caPem) {
        if (caPem == null || caPem.isBlank()) {
            return clients.computeIfAbsent(DEFAULT_TRUST, k -> vertx.createHttpClient(baseOptions()));
        }
        return clients.computeIfAbsent(sha256(caPem), k -> vertx.createHttpClient(
                baseOptions().setTrustOptions(TrustOptions.wrap(trustManagerWith(caPem)))));
    }

    private static HttpClientOptions baseOptions() {
        return new HttpClientOptions()
                .setVerifyHost(true)
                .setKeepAlive(true)
                .setMaxPoolSize(16)
                .setTryUseCompression(false)
                .setConnectTimeout(10_000);
    }

    /** The JVM's default roots plus the bundle: a private CA must not make public registries untrusted. */
    static TrustManagerFactory trustManagerWith(String caPem) {
        Collection<? extends Certificate> extra;
        try {
            extra = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new RegistryException(Reasons.TLS_ERROR, "caCertificate is not a valid PEM certificate bundle", e);
        }
        if (extra.isEmpty()) {
            throw new RegistryException(Reasons.TLS_ERROR, "caCertificate holds no certificate");
        }
        try {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int n = 0;
            for (X509Certificate root : defaultRoots()) {
                store.setCertificateEntry("default-" + n++, root);
            }
            for (Certificate cert : extra) {
                store.setCertificateEntry("extra-" + n++, cert);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return factory;
        } catch (Exception e) {
            throw new RegistryException(Reasons.TLS_ERROR, "cannot build a trust store from caCertificate", e);
        }
    }

    private static X509Certificate[] defaultRoots() throws Exception {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509.getAcceptedIssuers();
            }
        }
        return new X509Certificate[0];
    }

    private static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @PreDestroy
    void close() {
        clients.values().forEach(HttpClient::close);
        clients.clear();
    }
}
