package io.helmdeck.release.flux;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.helmdeck.model.value.GoDuration;
import io.helmdeck.release.persistence.WaitOptions;
import jakarta.enterprise.context.ApplicationScoped;

/** Builds the desired Flux {@code OCIRepository} and {@code HelmRelease} of one Helmdeck release. */
@ApplicationScoped
public class FluxObjects {

    public static final String SOURCE_API_VERSION = "source.toolkit.fluxcd.io/v1";
    public static final String OCI_REPOSITORY_KIND = "OCIRepository";
    public static final String HELM_API_VERSION = "helm.toolkit.fluxcd.io/v2";
    public static final String HELM_RELEASE_KIND = "HelmRelease";
    /** Flux keeps the chart tarball as pulled; helm-controller expects the packaged chart, not an unpacked tree. */
    static final String LAYER_OPERATION = "copy";

    // Sorted keys make the spec hash independent of map insertion order.
    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final FluxConfig config;

    public FluxObjects(FluxConfig config) {
        this.config = config;
    }

    /** The configured Flux namespace, where a release's objects live unless it acts as a service account. */
    public String namespace() {
        return config.namespace();
    }

    /**
     * Where a release's two objects live: beside the service account it acts as, since Flux impersonates
     * {@code spec.serviceAccountName} in the HelmRelease's own namespace (and a lockdown without cross-namespace
     * references finds the source there too); else the configured Flux namespace.
     */
    public String namespace(FluxReleaseSpec.ServiceAccount serviceAccount) {
        return serviceAccount == null ? config.namespace() : serviceAccount.namespace();
    }

    /** The OCIRepository pinned to the verified digest. */
    public GenericKubernetesResource ociRepository(FluxReleaseSpec spec) {
        FluxSource source = spec.source();
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("interval", GoDuration.format(spec.interval()));
        s.put("url", source.url());
        // A digest ref wins over tag and semver in Flux, so a re-pushed tag cannot change what gets deployed.
        s.put("ref", Map.of("digest", source.digest()));
        s.put("layerSelector", Map.of("mediaType", source.layerMediaType(), "operation", LAYER_OPERATION));
        if (source.insecure()) {
            s.put("insecure", true);
        }
        config.pullSecret().filter(n -> !n.isBlank()).ifPresent(n -> s.put("secretRef", Map.of("name", n)));
        if (spec.suspend()) {
            s.put("suspend", true);
        }
        return build(SOURCE_API_VERSION, OCI_REPOSITORY_KIND, spec, s);
    }

    /** The HelmRelease whose chartRef is {@link #ociRepository(FluxReleaseSpec)}. */
    public GenericKubernetesResource helmRelease(FluxReleaseSpec spec) {
        String name = FluxNames.objectName(spec.tenant(), spec.name());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("interval", GoDuration.format(spec.interval()));
        s.put("timeout", GoDuration.format(spec.timeout()));
        s.put("chartRef", Map.of("kind", OCI_REPOSITORY_KIND, "name", name,
                "namespace", namespace(spec.serviceAccount())));
        s.put("releaseName", spec.releaseName());
        s.put("targetNamespace", spec.targetNamespace());
        // Helm release names are unique per storage namespace; storing next to the objects (as plain Helm does)
        // keeps two tenants' "podinfo" apart and lets `helm list -n <target>` find the release.
        s.put("storageNamespace", spec.targetNamespace());
        s.put("maxHistory", spec.maxHistory());
        if (spec.suspend()) {
            s.put("suspend", true);
        }
        if (spec.serviceAccount() != null) {
            s.put("serviceAccountName", spec.serviceAccount().name());
        }
        WaitOptions waits = spec.waits();
        // Helmdeck's contract is "retries, then remediate"; Flux skips the last remediation unless told to.
        s.put("install", Map.of(
                "createNamespace", spec.createNamespace(),
                "disableWait", waits.installDisableWait(),
                "disableWaitForJobs", waits.installDisableWaitForJobs(),
                "remediation", Map.of("retries", spec.installRetries(), "remediateLastFailure", true)));
        s.put("upgrade", Map.of(
                "disableWait", waits.upgradeDisableWait(),
                "disableWaitForJobs", waits.upgradeDisableWaitForJobs(),
                "remediation", Map.of("retries", spec.upgradeRetries(), "strategy", spec.upgradeStrategy(),
                        "remediateLastFailure", true)));
        s.put("rollback", Map.of("disableWait", waits.rollbackDisableWait()));
        // Same field names and values as Flux's (ADR 0023); empty lists and absent targets are left out.
        s.put("driftDetection", JSON.convertValue(spec.driftDetection(), MAP));
        if (!spec.values().isEmpty()) {
            s.put("values", spec.values());
        }
        return build(HELM_API_VERSION, HELM_RELEASE_KIND, spec, s);
    }

    private GenericKubernetesResource build(String apiVersion, String kind, FluxReleaseSpec spec,
            Map<String, Object> rawSpec) {
        Map<String, Object> normalSpec = normalise(rawSpec);
        GenericKubernetesResource resource = new GenericKubernetesResourceBuilder()
                .withApiVersion(apiVersion)
                .withKind(kind)
                .withNewMetadata()
                .withName(FluxNames.objectName(spec.tenant(), spec.name()))
                .withNamespace(namespace(spec.serviceAccount()))
                .addToLabels(FluxNames.MANAGED_BY_LABEL, FluxNames.MANAGED_BY)
                .addToLabels(FluxNames.TENANT_LABEL, spec.tenant())
                .addToLabels(FluxNames.RELEASE_LABEL, spec.name())
                .addToAnnotations(FluxNames.SPEC_HASH_ANNOTATION, specHash(normalSpec))
                .endMetadata()
                .build();
        resource.setAdditionalProperty("spec", normalSpec);
        return resource;
    }

    /** Plain JSON maps (Integer, Double, String, List, Map), as the API server hands them back, so compares are fair. */
    static Map<String, Object> normalise(Map<String, Object> spec) {
        try {
            return JSON.readValue(JSON.writeValueAsBytes(spec), MAP);
        } catch (IOException e) {
            throw new UncheckedIOException("spec is not JSON-serialisable", e);
        }
    }

    static String specHash(Map<String, Object> spec) {
        try {
            return FluxNames.sha256Hex(JSON.writeValueAsString(spec)).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("spec is not JSON-serialisable", e);
        }
    }
}
