package io.helmdeck.release.kube;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmdeck.release.render.ManifestObject;

/** Builds the kube package's classes by hand around a fabric8 mock client: no Quarkus boot. */
final class TestKube {

    private TestKube() {
    }

    /** {@link KubeConfig} with the defaults of application.properties except the strategy and a fast poll. */
    record Settings(KubeConfig.ApplyStrategy applyStrategy, Duration hookPollInterval) implements KubeConfig {
        @Override
        public String fieldManager() {
            return "helmdeck";
        }

        @Override
        public String kubeVersionFallback() {
            return "v1.31.0";
        }

        @Override
        public Duration kubeVersionCacheTtl() {
            return Duration.ofMinutes(10);
        }

        @Override
        public Optional<String> kubeconfig() {
            return Optional.empty();
        }

        @Override
        public boolean enabled() {
            return true;
        }
    }

    static KubeConfig clientSide() {
        return new Settings(KubeConfig.ApplyStrategy.CLIENT_SIDE, Duration.ofMillis(20));
    }

    static KubeConfig serverSide() {
        return new Settings(KubeConfig.ApplyStrategy.SERVER_SIDE, Duration.ofMillis(20));
    }

    static ClusterConnection connection(KubeConfig config, KubernetesClient client) {
        ClusterSource source = new ClusterSource(ClusterSource.Mode.API_SERVER_URL,
                "API server " + client.getMasterUrl() + " (test)", null);
        return new ClusterConnection(config, source, () -> client, Clock.systemUTC());
    }

    /** A rendered object as the renderer hands it over: parsed body plus its YAML. */
    @SuppressWarnings("unchecked")
    static ManifestObject object(KubernetesClient client, String yaml) {
        Map<String, Object> body = client.getKubernetesSerialization().unmarshal(yaml, Map.class);
        Map<String, Object> meta = (Map<String, Object>) body.get("metadata");
        return new ManifestObject("demo/templates/x.yaml", (String) body.get("apiVersion"), (String) body.get("kind"),
                (String) meta.get("namespace"), (String) meta.get("name"), body, yaml);
    }
}
