package io.helmdeck.sync.oci;

import java.time.Duration;

import io.helmdeck.model.value.OciUrl;

/**
 * One repository in one registry and everything needed to talk to it.
 *
 * @param registry      host[:port]
 * @param repository    repository path inside the registry, e.g. {@code bitnamicharts/nginx}
 * @param insecure      plain HTTP instead of HTTPS
 * @param caCertificate PEM bundle trusted in addition to the JVM's default roots, or null
 * @param timeout       deadline of each operation, or null for the configured default
 */
public record RegistryTarget(String registry, String repository, RegistryCredentials credentials, boolean insecure,
        String caCertificate, Duration timeout) {

    public RegistryTarget {
        if (credentials == null) {
            credentials = RegistryCredentials.ANONYMOUS;
        }
    }

    public static RegistryTarget of(OciUrl url, RegistryCredentials credentials, boolean insecure,
            String caCertificate, Duration timeout) {
        return new RegistryTarget(url.registry(), url.repository(), credentials, insecure, caCertificate, timeout);
    }

    public String baseUrl() {
        return (insecure ? "http://" : "https://") + registry;
    }

    /** For messages: {@code registry/repository}. */
    public String display() {
        return registry + "/" + repository;
    }

    @Override
    public String toString() {
        return "RegistryTarget[" + display() + ", insecure=" + insecure + ", credentials=" + credentials + "]";
    }
}
