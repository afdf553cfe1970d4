package io.helmdeck.release.reconcile;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Artifact;
import io.helmdeck.model.OciRepository;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.flux.FluxDeployer;
import io.helmdeck.release.flux.FluxReleaseSpec;
import io.helmdeck.release.flux.FluxReleaseStatus;
import io.helmdeck.release.flux.FluxSource;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.ClusterConnection;

/**
 * {@code helmdeck.deploy.mode=flux} (ADR 0009): instead of rendering and applying, keep a Flux OCIRepository pinned to
 * the verified digest and a HelmRelease in the cluster, and read Flux's verdict back into the release's status.
 * Flux's helm-controller then owns the Helm actions, history and remediation.
 */
@ApplicationScoped
public class FluxMode {

    private final FluxDeployer deployer;
    private final ClusterConnection cluster;

    public FluxMode(FluxDeployer deployer, ClusterConnection cluster) {
        this.deployer = deployer;
        this.cluster = cluster;
    }

    void reconcile(ReleaseState state, StatusDraft draft, ReleaseReconciler reconciler) {
        if (!cluster.available()) {
            draft.phase(ReleasePhase.ClusterUnavailable.name()).ready(false, Reasons.CLUSTER_UNAVAILABLE,
                    "Flux objects not written: " + cluster.describe());
            reconciler.save(state, draft, reconciler.intervalAt(state), true);
            return;
        }
        Optional<OciRepository> repository = reconciler.sourceWithArtifact(state, draft);
        if (repository.isEmpty()) {
            return;
        }
        OciRepository repo = repository.get();
        Artifact artifact = repo.status().artifact();
        String mediaType = repo.layerSelector() == null ? null : repo.layerSelector().mediaType();
        FluxReleaseSpec spec = new FluxReleaseSpec(state.tenant(), state.name(), state.releaseName(),
                state.targetNamespace(), state.values(), state.interval(), state.timeout(), state.createNamespace(),
                state.installRetries(), state.upgradeRetries(), state.upgradeStrategy(), state.maxHistory(),
                state.suspend(), new FluxSource(repo.url(), artifact.digest(), repo.insecure(), mediaType));
        draft.lastAttemptedRevision = artifact.revision();
        try {
            deployer.apply(spec);
            Optional<FluxReleaseStatus> flux = deployer.readStatus(state.tenant(), state.name());
            FluxReleaseStatus status = flux.orElse(null);
            if (state.suspend()) {
                draft.phase(ReleasePhase.Suspended.name()).ready(false, Reasons.SUSPENDED,
                        "the Flux HelmRelease is suspended");
            } else if (status == null || status.ready() == FluxReleaseStatus.Ready.UNKNOWN) {
                draft.phase(ReleasePhase.Pending.name()).ready(false, Reasons.PROGRESSING,
                        status == null ? "waiting for Flux" : status.message());
            } else {
                boolean ready = status.ready() == FluxReleaseStatus.Ready.TRUE;
                draft.phase(ready ? ReleasePhase.Deployed.name() : ReleasePhase.Failed.name())
                        .ready(ready, status.reason(), status.message());
                draft.lastAppliedRevision = status.lastAppliedRevision();
                draft.currentRevision = status.helmRevision();
            }
            boolean settled = status != null && status.ready() != FluxReleaseStatus.Ready.UNKNOWN;
            reconciler.save(state, draft, settled ? reconciler.intervalAt(state) : reconciler.retryAt(), true);
        } catch (ApplyException e) {
            draft.phase(ReleasePhase.Failed.name()).ready(false, Reasons.INSTALL_FAILED,
                    "Flux objects could not be written: " + e.getMessage());
            reconciler.save(state, draft, reconciler.retryAt(), true);
        }
    }

    void delete(ReleaseState state) throws ApplyException {
        deployer.delete(state.tenant(), state.name());
    }
}
