package io.helmdeck.release.kube;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.helmdeck.model.ChartMetadata;

/**
 * Writes release records into a cluster the way the {@code helm} CLI stores them (Helm's Secret driver, the format
 * {@link HelmReadsSandboxTest} proves Helm reads): for tests of what Helmdeck does with records it did not write.
 */
public final class HelmCliRecords {

    private HelmCliRecords() {
    }

    /** A revision as {@code helm upgrade} leaves it when it is killed mid-way: status {@code pending-*}. */
    public static void write(KubernetesClient client, String namespace, String release, int version,
            HelmStatus status, ChartMetadata chart, Map<String, Object> values) throws ApplyException {
        Instant now = Instant.now();
        new HelmStorage(TestKube.connection(TestKube.clientSide(), client)).write(ReleaseIdentity.helmdeck(),
                new HelmReleaseRecord(release, namespace, version, status, "Preparing upgrade", now, now, null, "",
                        chart, Map.of(), values, "", List.of()));
    }
}
