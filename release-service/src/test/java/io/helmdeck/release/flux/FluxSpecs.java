package io.helmdeck.release.flux;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Ready-made inputs for the Flux-mode tests. */
final class FluxSpecs {

    static final String DIGEST = "sha256:" + "0cc9a8446c95009ef382f5eade883a67c257f77d50f84e78ecef2aac9428d1e5";
    static final String OTHER_DIGEST = "sha256:" + "cdd538a0167e4b51152b71a477e51eb6737553510ce8797dbcc537e1342311bb";
    static final String URL = "oci://ghcr.io/stefanprodan/charts/podinfo";

    private FluxSpecs() {
    }

    static FluxConfig config(String namespace, String pullSecret) {
        return new FluxConfig() {
            @Override
            public String namespace() {
                return namespace;
            }

            @Override
            public Optional<String> pullSecret() {
                return Optional.ofNullable(pullSecret);
            }
        };
    }

    static Map<String, Object> values() {
        Map<String, Object> ingress = new LinkedHashMap<>();
        ingress.put("enabled", true);
        ingress.put("hosts", List.of(Map.of("host", "podinfo.example.com")));
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("replicaCount", 2);
        values.put("ingress", ingress);
        values.put("resources", null); // Helm reads null as "drop the chart's default"
        return values;
    }

    /** team-a/podinfo with non-default settings everywhere, so a dropped field shows. */
    static FluxReleaseSpec spec() {
        return spec(DIGEST, values());
    }

    static FluxReleaseSpec spec(String digest, Map<String, Object> values) {
        return new FluxReleaseSpec("team-a", "podinfo", "web", "apps", values,
                Duration.ofMinutes(5), Duration.ofSeconds(90), true, 2, 3, "uninstall", 7, false,
                new FluxSource(URL, digest, false, null), null, null, null);
    }
}
