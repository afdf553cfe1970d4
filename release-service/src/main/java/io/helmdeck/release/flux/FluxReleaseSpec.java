package io.helmdeck.release.flux;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.helmdeck.model.DriftDetection;
import io.helmdeck.model.Remediation;
import io.helmdeck.release.kube.ReleaseIdentity;
import io.helmdeck.release.persistence.WaitOptions;

/**
 * What Flux mode needs to know about one Helm release, already resolved to its defaults (PRODUCT.md §4).
 *
 * @param tenant          Helmdeck tenant (DNS-1123 label)
 * @param name            Helmdeck release name, unique per tenant
 * @param releaseName     Helm release name; {@code null} means {@code name}
 * @param targetNamespace namespace the chart's objects go to
 * @param values          merged over the chart's values; {@code null} means none. Null leaves are kept: Helm reads
 *                        them as "delete this default"
 * @param interval        how often Flux re-checks source and drift
 * @param timeout         install/upgrade/rollback timeout
 * @param createNamespace create {@code targetNamespace} when missing
 * @param installRetries  retries after a failed install; the last failure is uninstalled
 * @param upgradeRetries  retries after a failed upgrade; the last failure is remediated with {@code upgradeStrategy}
 * @param upgradeStrategy {@link Remediation#ROLLBACK} or {@link Remediation#UNINSTALL}; {@code null} means rollback
 * @param maxHistory      Helm revisions kept
 * @param suspend         Flux stops reconciling; deleting a suspended HelmRelease leaves the release installed
 * @param source          the verified chart
 * @param waits           the readiness-wait opt-outs ({@code install.disableWait}, …), Flux's own fields
 * @param driftDetection  Flux's {@code spec.driftDetection}, same fields; {@code null} means the default
 * @param serviceAccount  the service account the release acts as (Flux's {@code spec.serviceAccountName}, looked up
 *                        in the HelmRelease's namespace); {@code null} for Helmdeck's own identity
 */
public record FluxReleaseSpec(
        String tenant,
        String name,
        String releaseName,
        String targetNamespace,
        Map<String, Object> values,
        Duration interval,
        Duration timeout,
        boolean createNamespace,
        int installRetries,
        int upgradeRetries,
        String upgradeStrategy,
        int maxHistory,
        boolean suspend,
        FluxSource source,
        WaitOptions waits,
        DriftDetection driftDetection,
        ServiceAccount serviceAccount) {

    /** A service account by namespace and name. */
    public record ServiceAccount(String namespace, String name) {

        /** The service account a release acts as; {@code null} for Helmdeck's own identity. */
        public static ServiceAccount of(ReleaseIdentity identity) {
            return identity == null ? null : identity.serviceAccountNamespace()
                    .flatMap(ns -> identity.serviceAccountName().map(n -> new ServiceAccount(ns, n))).orElse(null);
        }
    }

    public FluxReleaseSpec {
        requireText(tenant, "tenant");
        requireText(name, "name");
        requireText(targetNamespace, "targetNamespace");
        Objects.requireNonNull(source, "source");
        waits = waits == null ? WaitOptions.WAIT_FOR_ALL : waits;
        driftDetection = driftDetection == null ? DriftDetection.defaults() : driftDetection;
        releaseName = releaseName == null || releaseName.isBlank() ? name : releaseName;
        values = values == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(values));
        requirePositive(interval, "interval");
        requirePositive(timeout, "timeout");
        // Flux reads a negative count as "retry forever"; Helmdeck's contract has no such value.
        if (installRetries < 0 || upgradeRetries < 0) {
            throw new IllegalArgumentException("remediation retries must not be negative");
        }
        upgradeStrategy = upgradeStrategy == null ? Remediation.ROLLBACK : upgradeStrategy;
        if (!Remediation.ROLLBACK.equals(upgradeStrategy) && !Remediation.UNINSTALL.equals(upgradeStrategy)) {
            throw new IllegalArgumentException("upgradeStrategy must be rollback or uninstall");
        }
        // Flux reads 0 as "unlimited", which Helmdeck's contract (1..100) does not offer.
        if (maxHistory < 1) {
            throw new IllegalArgumentException("maxHistory must be at least 1");
        }
    }

    private static void requireText(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is required");
        }
    }

    private static void requirePositive(Duration d, String field) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(field + " must be a positive duration");
        }
    }
}
