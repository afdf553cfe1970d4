package io.helmdeck.release.flux;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Artifact;
import io.helmdeck.model.OciRepository;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.persistence.DriftStore;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.reconcile.action.Outcome;
import io.helmdeck.release.reconcile.action.ReleaseAction;
import io.helmdeck.release.source.SourceLookup;

/**
 * {@code helmdeck.deploy.mode=flux} (ADR 0009): instead of rendering and applying, keep a Flux OCIRepository pinned to
 * the verified digest and a HelmRelease in the cluster, and read Flux's verdict back into the release's status.
 * Flux's helm-controller then owns the Helm actions, history and remediation; the HelmRelease carries the release's
 * wait opt-outs, drift detection and identity in Flux's own fields.
 */
@ApplicationScoped
public class FluxRelease implements ReleaseAction {

    static final String NO_CLUSTER = Reasons.CLUSTER_UNAVAILABLE;
    static final String NOT_WRITTEN = Reasons.INSTALL_FAILED;
    static final String SUSPENDED = Reasons.SUSPENDED;
    static final String WAITING = Reasons.PROGRESSING;

    private final FluxDeployer deployer;
    private final DriftStore drift;

    public FluxRelease(FluxDeployer deployer, DriftStore drift) {
        this.deployer = deployer;
        this.drift = drift;
    }

    @Override
    public NextAction kind() {
        return NextAction.FLUX_RELEASE;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        ReleaseState state = situation.state();
        if (!situation.clusterAvailable()) {
            draft.phase(ReleasePhase.ClusterUnavailable.name()).ready(false, NO_CLUSTER,
                    "Flux objects not written: " + situation.clusterDescription());
            return Outcome.atInterval(NO_CLUSTER).consumingRollback();
        }
        OciRepository repo = ((SourceLookup.Found) situation.source()).repository();
        Artifact artifact = situation.artifact();
        String mediaType = repo.layerSelector() == null ? null : repo.layerSelector().mediaType();
        FluxReleaseSpec spec = new FluxReleaseSpec(state.tenant(), state.name(), state.releaseName(),
                state.targetNamespace(), state.values(), state.interval(), state.timeout(), state.createNamespace(),
                state.installRetries(), state.upgradeRetries(), state.upgradeStrategy(), state.maxHistory(),
                state.suspend(), new FluxSource(repo.url(), artifact.digest(), repo.insecure(), mediaType),
                state.waitOptions(), drift.load(state.id(), 0).await().indefinitely().settings(),
                FluxReleaseSpec.ServiceAccount.of(state.identity()));
        draft.lastAttemptedRevision = artifact.revision();
        try {
            deployer.apply(spec);
            Optional<FluxReleaseStatus> flux = deployer.readStatus(spec.serviceAccount(), state.tenant(),
                    state.name());
            FluxReleaseStatus status = flux.orElse(null);
            String reason;
            if (state.suspend()) {
                reason = SUSPENDED;
                draft.phase(ReleasePhase.Suspended.name()).ready(false, reason, "the Flux HelmRelease is suspended");
            } else if (status == null || status.ready() == FluxReleaseStatus.Ready.UNKNOWN) {
                reason = WAITING;
                draft.phase(ReleasePhase.Pending.name()).ready(false, reason,
                        status == null ? "waiting for Flux" : status.message());
            } else {
                boolean ready = status.ready() == FluxReleaseStatus.Ready.TRUE;
                reason = status.reason();
                draft.phase(ready ? ReleasePhase.Deployed.name() : ReleasePhase.Failed.name())
                        .ready(ready, reason, status.message());
                draft.lastAppliedRevision = status.lastAppliedRevision();
                draft.currentRevision = status.helmRevision();
            }
            boolean settled = status != null && status.ready() != FluxReleaseStatus.Ready.UNKNOWN;
            return (settled ? Outcome.atInterval(reason) : Outcome.retry(reason)).consumingRollback();
        } catch (ApplyException e) {
            draft.phase(ReleasePhase.Failed.name()).ready(false, NOT_WRITTEN,
                    "Flux objects could not be written: " + e.getMessage());
            return Outcome.retry(NOT_WRITTEN).consumingRollback();
        }
    }
}
