package io.helmdeck.release.reconcile.action;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Condition;
import io.helmdeck.model.DriftDetection;
import io.helmdeck.model.DriftedObject;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.drift.DriftInspector;
import io.helmdeck.release.drift.DriftMetrics;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.persistence.DriftStore;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.DriftCheck;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.ReleaseOperations;
import io.helmdeck.release.reconcile.ReleasePlan;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.render.ManifestObject;
import io.helmdeck.release.render.RenderException;
import org.jboss.logging.Logger;

/**
 * Nothing new to deploy: the interval check of the deployed revision (ADR 0023). Helm's release records deleted from
 * the cluster are recreated; then, as {@code driftDetection.mode} says, the revision's stored objects are compared
 * with the live ones and those that drifted are reported in {@code status.drift} and, in mode {@code enabled},
 * re-applied (no new revision, no hooks, no render). Mode {@code disabled} leaves the cluster alone, as Flux does. A
 * failed last attempt that remediation settled keeps the release Failed.
 */
@ApplicationScoped
public class ReapplyDeployed implements ReleaseAction {

    /** Reason of a re-apply of the deployed revision that the cluster refused. */
    public static final String DRIFT_CORRECTION_FAILED = "DriftCorrectionFailed";
    /** Reason of a drift check that could not read the revision or the cluster. */
    public static final String DRIFT_DETECTION_FAILED = "DriftDetectionFailed";
    private static final int SUMMARY_OBJECTS = 5;
    private static final Logger LOG = Logger.getLogger(ReapplyDeployed.class);
    static final String APPLIED = Reasons.SUCCEEDED;

    private final ReleaseOperations operations;
    private final RevisionLedger ledger;
    private final PolicyGate gate;
    private final DriftCheck drift;

    public ReapplyDeployed(ReleaseOperations operations, RevisionLedger ledger, PolicyGate gate, DriftCheck drift) {
        this.operations = operations;
        this.ledger = ledger;
        this.gate = gate;
        this.drift = drift;
    }

    @Override
    public NextAction kind() {
        return NextAction.REAPPLY_DEPLOYED;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        ReleaseState state = situation.state();
        ReleasePlan.Current current = (ReleasePlan.Current) situation.plan();
        Optional<RevisionRow> deployed = state.deployed();
        Optional<RevisionRow> last = state.lastAttempt();
        boolean lastFailed = last.isPresent() && RevisionRow.FAILED.equals(last.get().status())
                && (deployed.isEmpty() || last.get().revision() > deployed.get().revision()
                        || isRemediation(state, deployed.get()));
        if (lastFailed) {
            String reason = RevisionRow.UPGRADE.equals(last.get().action()) ? Reasons.UPGRADE_FAILED
                    : Reasons.INSTALL_FAILED;
            draft.phase(ReleasePhase.Failed.name()).ready(false, reason, "revision " + last.get().revision()
                    + " failed; " + current.why());
        }
        if (deployed.isEmpty()) {
            return Outcome.atInterval(APPLIED);
        }
        RevisionRow row = deployed.get();
        List<Integer> restored = drift.restoreHelmRecords(state);
        List<ManifestObject> objects;
        try {
            objects = ledger.deployedObjects(state, row);
        } catch (RenderException e) {
            draft.ready(false, DRIFT_DETECTION_FAILED, "revision " + row.revision() + " cannot be read back: "
                    + e.getMessage());
            return Outcome.retry(DRIFT_DETECTION_FAILED);
        }
        Optional<String> refusal = gate.refusal(state, objects, false);
        if (refusal.isPresent()) {
            // The policy narrowed after this revision was deployed: it is no longer re-applied.
            return PolicyGate.refused(draft, "revision " + row.revision() + " is not re-applied: " + refusal.get());
        }
        DriftStore.DriftRecord record = drift.load(state, row.revision());
        String note;
        if (DriftDetection.DISABLED.equals(record.settings().mode())) {
            note = "drift detection disabled";
        } else {
            List<DriftInspector.Finding> findings;
            try {
                findings = drift.inspect(state, objects, record);
            } catch (ApplyException e) {
                draft.ready(false, DRIFT_DETECTION_FAILED, "comparing revision " + row.revision()
                        + " with the cluster failed: " + e.getMessage());
                return Outcome.retry(DRIFT_DETECTION_FAILED);
            }
            List<DriftedObject> report = findings.stream().map(DriftInspector.Finding::report).toList();
            if (findings.isEmpty()) {
                note = "no drift";
            } else if (DriftDetection.ENABLED.equals(record.settings().mode())) {
                try {
                    operations.reapply(situation.target(),
                            findings.stream().map(DriftInspector.Finding::correction).toList());
                } catch (ApplyException e) {
                    drift.report(state, row.revision(), report);
                    drift.counted(DriftMetrics.FAILED, findings.size());
                    draft.ready(false, DRIFT_CORRECTION_FAILED, "correcting drift of revision " + row.revision()
                            + " (" + summary(report) + ") failed: " + e.getMessage());
                    return Outcome.retry(DRIFT_CORRECTION_FAILED);
                }
                Instant at = drift.now();
                report = report.stream().map(d -> new DriftedObject(d.apiVersion(), d.kind(), d.namespace(),
                        d.name(), d.missing(), d.fields(), d.detectedAt(), at)).toList();
                drift.counted(DriftMetrics.CORRECTED, findings.size());
                LOG.infof("Release %s/%s: drift corrected by re-applying revision %d's %s", state.tenant(),
                        state.name(), row.revision(), summary(report));
                note = "drift corrected: " + summary(report);
            } else {
                note = "drift detected, not corrected (driftDetection.mode warn): " + summary(report);
            }
            drift.report(state, row.revision(), report);
        }
        if (!restored.isEmpty()) {
            note += "; Helm's release record of revision" + (restored.size() > 1 ? "s " : " ")
                    + restored.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " was missing and is recreated";
        }
        if (!lastFailed) {
            String message = "revision " + row.revision() + " of " + row.chartName() + "-" + row.chartVersion()
                    + " from " + row.sourceRevision() + " is applied"
                    + ("up to date".equals(current.why()) ? "" : "; " + current.why()) + "; " + note;
            draft.phase(ReleasePhase.Deployed.name()).ready(true, readyReason(state), message);
        }
        return Outcome.atInterval(APPLIED);
    }

    /** "Deployment team-a/web (/spec/replicas), ConfigMap team-a/cfg (missing)", at most a few objects. */
    static String summary(List<DriftedObject> report) {
        String shown = report.stream().limit(SUMMARY_OBJECTS).map(d -> d.kind() + " "
                + (d.namespace() == null ? "" : d.namespace() + "/") + d.name() + " ("
                + (d.missing() ? "missing" : String.join(", ", d.fields())) + ")").collect(Collectors.joining(", "));
        return report.size() > SUMMARY_OBJECTS ? shown + " and " + (report.size() - SUMMARY_OBJECTS) + " more"
                : shown;
    }

    /** Whether the deployed revision is a rollback made by remediation (not by a user). */
    private static boolean isRemediation(ReleaseState state, RevisionRow deployed) {
        return RevisionRow.ROLLBACK.equals(deployed.action()) && state.conditions().stream()
                .anyMatch(c -> Condition.REMEDIATED.equals(c.type()) && Condition.TRUE.equals(c.status()));
    }

    private static String readyReason(ReleaseState state) {
        return state.conditions().stream().filter(c -> Condition.RELEASED.equals(c.type())).map(Condition::reason)
                .findFirst().orElse(Reasons.SUCCEEDED);
    }
}
