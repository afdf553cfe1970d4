package io.helmdeck.release.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Artifact;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.ReleaseDiff;
import io.helmdeck.release.kube.ReleaseTarget;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.policy.TenantAccess;
import io.helmdeck.release.persistence.ReleaseStateStore;
import io.helmdeck.release.persistence.RevisionRow;
import io.helmdeck.release.reconcile.ChartUnavailable;
import io.helmdeck.release.reconcile.ReleaseSource;
import io.helmdeck.release.reconcile.action.RevisionLedger;
import io.helmdeck.release.reconcile.action.RevisionRenderer;
import io.helmdeck.release.render.ManifestObject;
import io.helmdeck.release.render.RenderException;
import io.helmdeck.release.render.RenderedRelease;
import io.helmdeck.model.ProblemException;
import io.helmdeck.release.source.SourceLookup;

/**
 * What the next upgrade would change: the source's current artifact with the release's current values, rendered
 * and compared object by object with a re-render of the deployed revision. Blocking (renders twice).
 */
@ApplicationScoped
public class ReleaseDiffs {

    private final ReleaseStateStore store;
    private final ReleaseSource source;
    private final RevisionRenderer renderer;
    private final RevisionLedger ledger;
    private final TenantAccess policies;

    public ReleaseDiffs(ReleaseStateStore store, ReleaseSource source, RevisionRenderer renderer,
            RevisionLedger ledger, TenantAccess policies) {
        this.policies = policies;
        this.store = store;
        this.source = source;
        this.renderer = renderer;
        this.ledger = ledger;
    }

    /** Blocking: call on a worker thread. */
    public ReleaseDiff diff(String tenant, String name) {
        Long id = store.findId(tenant, name).await().indefinitely();
        ReleaseState loaded = id == null ? null : store.load(id).await().indefinitely();
        if (loaded == null) {
            throw ProblemException.notFound("Helm release");
        }
        // The render's lookup reads the cluster as the tenant's identity, as the reconciler's does.
        ReleaseState state = policies.attach(loaded);
        SourceLookup lookup = source.lookup(state.tenant(), state.sourceName());
        if (!(lookup instanceof SourceLookup.Found found) || ReleaseSource.artifact(found) == null) {
            throw ProblemException.conflict("the source OCIRepository '" + state.sourceName()
                    + "' has no artifact to compare with");
        }
        Artifact artifact = ReleaseSource.artifact(found);
        ReleaseTarget target = state.target();
        try {
            RenderedRelease next = renderer.render(state, artifact.digest(), state.values(),
                    state.nextRevisionNumber(), true);
            Optional<RevisionRow> deployed = state.deployed();
            Map<InventoryEntry, Map<String, Object>> before = deployed.isEmpty() ? Map.of()
                    : objects(target, ledger.deployedObjects(state, deployed.get()));
            Map<InventoryEntry, Map<String, Object>> after = objects(target, next.resources());
            List<InventoryEntry> added = new ArrayList<>();
            List<InventoryEntry> changed = new ArrayList<>();
            int unchanged = 0;
            for (Map.Entry<InventoryEntry, Map<String, Object>> e : after.entrySet()) {
                Map<String, Object> old = before.get(e.getKey());
                if (old == null) {
                    added.add(e.getKey());
                } else if (!old.equals(e.getValue())) {
                    changed.add(e.getKey());
                } else {
                    unchanged++;
                }
            }
            List<InventoryEntry> removed = before.keySet().stream().filter(k -> !after.containsKey(k)).toList();
            return new ReleaseDiff(deployed.map(RevisionRow::revision).orElse(null), artifact.revision(), added,
                    changed, removed, unchanged);
        } catch (RenderException e) {
            throw ProblemException.conflict("the chart cannot be rendered: " + e.getMessage());
        } catch (ChartUnavailable e) {
            throw ProblemException.conflict(e.getMessage());
        }
    }

    private static Map<InventoryEntry, Map<String, Object>> objects(ReleaseTarget target, List<ManifestObject> list) {
        Map<InventoryEntry, Map<String, Object>> map = new LinkedHashMap<>();
        for (ManifestObject o : list) {
            map.put(new InventoryEntry(o.apiVersion(), o.kind(),
                    o.namespace() == null ? target.namespace() : o.namespace(), o.name()), o.body());
        }
        return map;
    }
}
