package io.helmdeck.release.kube;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides which cluster, if any, Helmdeck talks to (PRODUCT.md §4): the in-cluster service account, else a
 * kubeconfig ({@code helmdeck.kube.kubeconfig}, {@code KUBECONFIG}, {@code ~/.kube/config}), else an explicit
 * {@code quarkus.kubernetes-client.api-server-url}, else none. Pure: everything it looks at is passed in.
 */
public final class ClusterDetector {

    /** Where Kubernetes mounts a pod's service account token. */
    public static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    private ClusterDetector() {
    }

    /**
     * @param enabled        {@code helmdeck.kube.enabled}
     * @param env            the process environment
     * @param kubeconfig     {@code helmdeck.kube.kubeconfig}
     * @param apiServerUrl   {@code quarkus.kubernetes-client.api-server-url} (or its older name {@code master-url})
     * @param home           the user's home folder
     * @param tokenFile      the service account token file
     * @throws IllegalArgumentException when {@code helmdeck.kube.kubeconfig} names a file that cannot be read: an
     *                                  operator asked for a cluster, so silently applying nothing would be wrong
     */
    public static ClusterSource detect(boolean enabled, Map<String, String> env, Optional<String> kubeconfig,
            Optional<String> apiServerUrl, Path home, Path tokenFile) {
        if (!enabled) {
            return new ClusterSource(ClusterSource.Mode.NONE,
                    "no cluster: helmdeck.kube.enabled=false", null);
        }
        String host = env.get("KUBERNETES_SERVICE_HOST");
        if (host != null && !host.isBlank() && Files.isReadable(tokenFile)) {
            String port = env.getOrDefault("KUBERNETES_SERVICE_PORT", "443");
            return new ClusterSource(ClusterSource.Mode.IN_CLUSTER,
                    "in-cluster service account, API server " + host + ":" + port, null);
        }
        Optional<String> explicit = kubeconfig.filter(s -> !s.isBlank());
        if (explicit.isPresent()) {
            Path file = Path.of(explicit.get());
            if (!Files.isReadable(file)) {
                throw new IllegalArgumentException(
                        "helmdeck.kube.kubeconfig is " + file + ", which does not exist or cannot be read");
            }
            return new ClusterSource(ClusterSource.Mode.KUBECONFIG,
                    "kubeconfig " + file + " (helmdeck.kube.kubeconfig)", file);
        }
        List<String> checked = new ArrayList<>();
        String fromEnv = env.get("KUBECONFIG");
        if (fromEnv != null && !fromEnv.isBlank()) {
            // KUBECONFIG may list several files; fabric8 (behind the Quarkus client) reads them as kubectl does.
            for (String part : fromEnv.split(File.pathSeparator)) {
                if (!part.isBlank() && Files.isReadable(Path.of(part))) {
                    return new ClusterSource(ClusterSource.Mode.KUBECONFIG, "kubeconfig " + part + " (KUBECONFIG)",
                            null);
                }
            }
            checked.add("KUBECONFIG=" + fromEnv);
        }
        Path defaultFile = home.resolve(".kube").resolve("config");
        if (Files.isReadable(defaultFile)) {
            return new ClusterSource(ClusterSource.Mode.KUBECONFIG, "kubeconfig " + defaultFile, null);
        }
        checked.add(defaultFile.toString());
        Optional<String> url = apiServerUrl.filter(s -> !s.isBlank());
        if (url.isPresent()) {
            return new ClusterSource(ClusterSource.Mode.API_SERVER_URL,
                    "API server " + url.get() + " (quarkus.kubernetes-client.api-server-url)", null);
        }
        return new ClusterSource(ClusterSource.Mode.NONE,
                "no cluster configured: no service account, no kubeconfig (looked at " + String.join(", ", checked)
                        + "), no quarkus.kubernetes-client.api-server-url",
                null);
    }
}
