package io.helmdeck.release.kube;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * Helm 3's own release storage (the default Secret driver, {@code helm.sh/helm/v3/pkg/storage/driver/secrets.go}),
 * so {@code helm list/history/status/get values/get manifest} show Helmdeck's releases: one Secret
 * {@code sh.helm.release.v1.<release>.v<revision>} of type {@code helm.sh/release.v1} per revision in the release
 * namespace, labelled {@code name}, {@code owner=helm}, {@code status}, {@code version} and {@code createdAt} /
 * {@code modifiedAt}. Blocking: call it from worker threads, and only when {@link ClusterConnection#available()}.
 */
@ApplicationScoped
public class HelmStorage {

    public static final String SECRET_TYPE = "helm.sh/release.v1";
    public static final String OWNER = "helm";
    private static final String DATA_KEY = "release";
    private static final int CONFLICT = 409;

    private final ClusterConnection connection;
    private final HelmReleaseCodec codec = new HelmReleaseCodec();
    private final Clock clock;

    @Inject
    HelmStorage(ClusterConnection connection) {
        this(connection, Clock.systemUTC());
    }

    HelmStorage(ClusterConnection connection, Clock clock) {
        this.connection = connection;
        this.clock = clock;
    }

    /** Helm's key for a revision: {@code sh.helm.release.v1.<release>.v<revision>}. */
    public static String secretName(String release, int version) {
        return "sh.helm.release.v1." + release + ".v" + version;
    }

    /** Stores a revision, replacing the stored one with the same number. */
    public void write(ReleaseIdentity identity, HelmReleaseRecord release) throws ApplyException {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("createdAt", now());
        Secret secret = secret(release.namespace(), release.name(), release.version(), release.status(),
                codec.toTree(release), labels);
        try {
            try {
                secrets(identity, release.namespace()).resource(secret).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != CONFLICT) {
                    throw e;
                }
                Secret live = secrets(identity, release.namespace()).withName(secret.getMetadata().getName()).get();
                replace(identity, secret, live);
            }
        } catch (KubernetesClientException e) {
            throw storeFailed(release.namespace(), release.name(), release.version(), e);
        }
    }

    /**
     * Changes a stored revision's status (e.g. to {@code superseded} when a newer one is deployed), keeping every
     * other stored field, including ones written by Helm itself.
     *
     * @param description the new {@code info.description}; {@code null} keeps the stored one
     * @throws ApplyException when the revision is not stored or cannot be written
     */
    public void markStatus(ReleaseIdentity identity, String namespace, String release, int version, HelmStatus status, String description)
            throws ApplyException {
        try {
            Secret live = secrets(identity, namespace).withName(secretName(release, version)).get();
            if (live == null) {
                throw new ApplyException("Helm release " + namespace + "/" + release + " has no revision " + version);
            }
            ObjectNode tree = decode(live);
            ObjectNode info = tree.get("info") instanceof ObjectNode existing ? existing : tree.putObject("info");
            info.put("status", status.wire());
            if (description != null) {
                info.put("description", description);
            }
            replace(identity, secret(namespace, release, version, status, tree, new LinkedHashMap<>()), live);
        } catch (KubernetesClientException e) {
            throw storeFailed(namespace, release, version, e);
        }
    }

    /** Every stored revision of a release, oldest first. */
    public List<HelmReleaseRecord> history(ReleaseIdentity identity, String namespace, String release) throws ApplyException {
        List<HelmReleaseRecord> revisions = new ArrayList<>();
        for (Secret secret : list(identity, namespace, release)) {
            revisions.add(codec.fromTree(decode(secret)));
        }
        revisions.sort(Comparator.comparingInt(HelmReleaseRecord::version));
        return revisions;
    }

    /**
     * The newest stored revision's number and status, from the Secrets' labels (as Helm's own {@code Query} reads
     * them, without decoding a payload); empty when nothing is stored.
     */
    public Optional<HelmRevisionStatus> newest(ReleaseIdentity identity, String namespace, String release)
            throws ApplyException {
        return labelled(list(identity, namespace, release)).stream()
                .max(Comparator.comparingInt(HelmRevisionStatus::version));
    }

    /** The revisions' numbers and statuses from the Secrets' labels; Secrets without a readable version are left out. */
    private static List<HelmRevisionStatus> labelled(List<Secret> secrets) {
        List<HelmRevisionStatus> revisions = new ArrayList<>();
        for (Secret secret : secrets) {
            Map<String, String> labels = secret.getMetadata().getLabels();
            try {
                revisions.add(new HelmRevisionStatus(Integer.parseInt(labels.getOrDefault("version", "")),
                        HelmStatus.fromWire(labels.get("status"))));
            } catch (NumberFormatException e) {
                // not a revision Helm could read either
            }
        }
        return revisions;
    }

    /** One stored revision. */
    public Optional<HelmReleaseRecord> get(ReleaseIdentity identity, String namespace, String release, int version) throws ApplyException {
        try {
            Secret secret = secrets(identity, namespace).withName(secretName(release, version)).get();
            return secret == null ? Optional.empty() : Optional.of(codec.fromTree(decode(secret)));
        } catch (KubernetesClientException e) {
            throw new ApplyException("reading Helm release " + release + " v" + version + " in " + namespace
                    + " failed: " + ApplyErrors.reason(e), e);
        }
    }

    /**
     * Deletes the oldest revisions until at most {@code maxHistory} remain, never the latest deployed one (Helm's
     * {@code removeLeastRecent}). {@code maxHistory <= 0} keeps everything, as in Helm.
     *
     * @return the revision numbers deleted, oldest first
     */
    public List<Integer> prune(ReleaseIdentity identity, String namespace, String release, int maxHistory) throws ApplyException {
        if (maxHistory <= 0) {
            return List.of();
        }
        // The labels say each revision's number and status, as Helm's own queries read them: no payload is decoded.
        List<HelmRevisionStatus> revisions = new ArrayList<>(labelled(list(identity, namespace, release)));
        revisions.sort(Comparator.comparingInt(HelmRevisionStatus::version));
        int lastDeployed = revisions.stream().filter(r -> r.status() == HelmStatus.DEPLOYED)
                .mapToInt(HelmRevisionStatus::version).max().orElse(-1);
        List<Integer> deleted = new ArrayList<>();
        for (HelmRevisionStatus revision : revisions) {
            if (revisions.size() - deleted.size() <= maxHistory) {
                break;
            }
            if (revision.version() != lastDeployed) {
                deleteSecret(identity, namespace, secretName(release, revision.version()));
                deleted.add(revision.version());
            }
        }
        return deleted;
    }

    /** Deletes every stored revision of a release (uninstall without history). */
    public int deleteAll(ReleaseIdentity identity, String namespace, String release) throws ApplyException {
        List<Secret> stored = list(identity, namespace, release);
        for (Secret secret : stored) {
            deleteSecret(identity, namespace, secret.getMetadata().getName());
        }
        return stored.size();
    }

    private Secret secret(String namespace, String release, int version, HelmStatus status, ObjectNode tree,
            Map<String, String> labels) {
        labels.put("name", release);
        labels.put("owner", OWNER);
        labels.put("status", status.wire());
        labels.put("version", Integer.toString(version));
        // Secret.data is base64 on the wire, and Helm's payload is already base64 text: Helm stores it twice encoded.
        String payload = codec.encodeTree(tree);
        String wire = Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.US_ASCII));
        return new SecretBuilder().withNewMetadata().withName(secretName(release, version)).withNamespace(namespace)
                .withLabels(labels).endMetadata()
                .withType(SECRET_TYPE)
                .addToData(DATA_KEY, wire)
                .build();
    }

    /** Replaces the live Secret, keeping its labels (createdAt, user labels) as Helm 3.13+ does, plus modifiedAt. */
    private void replace(ReleaseIdentity identity, Secret desired, Secret live) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (live != null && live.getMetadata().getLabels() != null) {
            labels.putAll(live.getMetadata().getLabels());
        }
        Map<String, String> system = new LinkedHashMap<>(desired.getMetadata().getLabels());
        if (labels.containsKey("createdAt")) {
            system.remove("createdAt");
        }
        labels.putAll(system);
        labels.put("modifiedAt", now());
        desired.getMetadata().setLabels(labels);
        desired.getMetadata().setResourceVersion(live == null ? null : live.getMetadata().getResourceVersion());
        secrets(identity, desired.getMetadata().getNamespace()).resource(desired).update();
    }

    private static ApplyException storeFailed(String namespace, String release, int version,
            KubernetesClientException e) {
        return new ApplyException("storing Helm release " + release + " v" + version + " in " + namespace
                + " failed: " + ApplyErrors.reason(e), e);
    }

    private List<Secret> list(ReleaseIdentity identity, String namespace, String release) throws ApplyException {
        try {
            return secrets(identity, namespace).withLabel("owner", OWNER).withLabel("name", release).list().getItems();
        } catch (KubernetesClientException e) {
            throw new ApplyException("listing Helm release " + release + " in " + namespace + " failed: "
                    + ApplyErrors.reason(e), e);
        }
    }

    private void deleteSecret(ReleaseIdentity identity, String namespace, String name) throws ApplyException {
        try {
            secrets(identity, namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            throw new ApplyException("deleting Secret " + namespace + "/" + name + " failed: "
                    + ApplyErrors.reason(e), e);
        }
    }

    private ObjectNode decode(Secret secret) throws ApplyException {
        String wire = secret.getData() == null ? null : secret.getData().get(DATA_KEY);
        if (wire == null) {
            throw new ApplyException("Secret " + secret.getMetadata().getName() + " holds no Helm release");
        }
        try {
            String payload = new String(Base64.getDecoder().decode(wire), StandardCharsets.US_ASCII);
            return codec.decodeTree(payload);
        } catch (IOException | IllegalArgumentException e) {
            throw new ApplyException("Secret " + secret.getMetadata().getName()
                    + " does not hold a readable Helm release: " + e.getMessage(), e);
        }
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<Secret, io.fabric8.kubernetes.api.model.SecretList,
            io.fabric8.kubernetes.client.dsl.Resource<Secret>> secrets(ReleaseIdentity identity, String namespace) {
        // Helm's records live in the release's namespace and are written as the release's identity, as Helm run
        // with that account's kubeconfig would write them.
        KubernetesClient client = connection.client(identity);
        return client.secrets().inNamespace(namespace);
    }

    private String now() {
        return Long.toString(clock.instant().getEpochSecond());
    }
}
