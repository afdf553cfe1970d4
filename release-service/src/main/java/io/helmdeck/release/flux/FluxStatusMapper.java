package io.helmdeck.release.flux;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;
import io.helmdeck.release.flux.FluxReleaseStatus.Ready;

/** Reads Flux's {@code Ready} verdict out of a live HelmRelease and, before it has one, its OCIRepository. */
final class FluxStatusMapper {

    static final String WAITING = "waiting for Flux to reconcile the HelmRelease";
    /** Flux appends the first 12 hex digits of the OCI digest to the chart version it records. */
    private static final Pattern DIGEST_SUFFIX = Pattern.compile("\\+[0-9a-f]{12}$");

    private FluxStatusMapper() {
    }

    /**
     * The release's status. The HelmRelease's {@code Ready} condition decides when it is current; when it is
     * missing, a failing source is the reason (bad credentials, unknown digest), otherwise Flux is still working.
     */
    static FluxReleaseStatus map(GenericKubernetesResource helmRelease, GenericKubernetesResource ociRepository) {
        Map<String, Object> hrReady = readyCondition(helmRelease);
        Ready ready;
        String reason;
        String message;
        Instant since;
        if (hrReady != null && isCurrent(helmRelease, hrReady)) {
            ready = Ready.of(string(hrReady, "status"));
            reason = string(hrReady, "reason");
            message = string(hrReady, "message");
            since = instant(string(hrReady, "lastTransitionTime"));
        } else {
            Map<String, Object> srcReady = ociRepository == null ? null : readyCondition(ociRepository);
            if (srcReady != null && isCurrent(ociRepository, srcReady) && Condition.FALSE.equals(string(srcReady, "status"))) {
                ready = Ready.FALSE;
                reason = string(srcReady, "reason");
                message = "source: " + string(srcReady, "message");
                since = instant(string(srcReady, "lastTransitionTime"));
            } else {
                ready = Ready.UNKNOWN;
                reason = Reasons.PROGRESSING;
                message = hrReady == null ? WAITING : WAITING + " (its Ready condition is for an older generation)";
                since = null;
            }
        }

        Map<String, Object> deployed = latestDeployed(helmRelease);
        String digest = deployed == null ? null : string(deployed, "ociDigest");
        String version = deployed == null ? null : string(deployed, "chartVersion");
        if (version != null) {
            version = DIGEST_SUFFIX.matcher(version).replaceFirst("");
        }
        Integer revision = deployed != null && deployed.get("version") instanceof Number n ? n.intValue() : null;
        String attempted = helmRelease.get("status", "lastAttemptedRevision");
        boolean deleting = helmRelease.getMetadata() != null && helmRelease.getMetadata().getDeletionTimestamp() != null;
        return new FluxReleaseStatus(ready, reason, message, since, digest, version, revision, attempted, deleting);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> readyCondition(GenericKubernetesResource resource) {
        Object conditions = resource.get("status", "conditions");
        if (!(conditions instanceof List<?> list)) {
            return null;
        }
        for (Object c : list) {
            if (c instanceof Map<?, ?> m && Condition.READY.equals(m.get("type"))) {
                return (Map<String, Object>) m;
            }
        }
        return null;
    }

    /** A condition written for an older generation says nothing about the spec Helmdeck just wrote. */
    private static boolean isCurrent(GenericKubernetesResource resource, Map<String, Object> condition) {
        Long generation = resource.getMetadata() == null ? null : resource.getMetadata().getGeneration();
        Object observed = condition.get("observedGeneration");
        if (!(observed instanceof Number)) {
            observed = resource.get("status", "observedGeneration");
        }
        return generation == null || !(observed instanceof Number n) || n.longValue() >= generation;
    }

    /** Flux lists the newest Helm release first; only a deployed one counts as applied. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> latestDeployed(GenericKubernetesResource helmRelease) {
        Object history = helmRelease.get("status", "history");
        if (history instanceof List<?> list) {
            for (Object h : list) {
                if (h instanceof Map<?, ?> m && "deployed".equals(m.get("status"))) {
                    return (Map<String, Object>) m;
                }
            }
        }
        return null;
    }

    private static String string(Map<String, Object> map, String key) {
        return map.get(key) instanceof String s ? s : null;
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // A malformed timestamp must not hide the verdict itself.
            return null;
        }
    }
}
