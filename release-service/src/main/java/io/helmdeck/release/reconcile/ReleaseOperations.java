package io.helmdeck.release.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.InventoryEntry;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.HookRunner;
import io.helmdeck.release.kube.ObjectApplier;
import io.helmdeck.release.kube.ReleaseTarget;
import io.helmdeck.release.render.Hook;
import io.helmdeck.release.render.HookEvent;
import io.helmdeck.release.render.ManifestObject;
import io.helmdeck.release.render.RenderedRelease;

/**
 * The cluster side of Helm's actions, in Helm's order: CRDs (install only), pre hooks, the manifest, removal of
 * objects the new revision no longer renders, then (after the readiness wait, as {@code helm --wait} does) post
 * hooks. Blocking; runs on reconcile worker threads. {@code progress} hears which hook is being waited for.
 */
@ApplicationScoped
public class ReleaseOperations {

    private final ObjectApplier applier;
    private final HookRunner hooks;

    public ReleaseOperations(ObjectApplier applier, HookRunner hooks) {
        this.applier = applier;
        this.hooks = hooks;
    }

    /**
     * Install ({@code previous} empty) or upgrade up to its post hooks ({@link #postHooks}); returns the new
     * inventory. The namespace exists by then ({@link #ensureNamespace}, called first because Helm's record is
     * written into it).
     */
    public List<InventoryEntry> deploy(ReleaseTarget target, RenderedRelease rendered, List<InventoryEntry> previous,
            boolean upgrade, Duration timeout, Consumer<String> progress) throws ApplyException {
        if (!upgrade && !rendered.crds().isEmpty()) {
            // Helm installs crds/ before anything else and never upgrades or deletes them.
            applier.apply(target, rendered.crds());
        }
        return applyAfterPreHooks(target, rendered, previous, upgrade ? HookEvent.PRE_UPGRADE : HookEvent.PRE_INSTALL,
                timeout, progress);
    }

    /** Runs the hooks of a post event, once the objects are ready (or not waited for). */
    public void postHooks(ReleaseTarget target, RenderedRelease rendered, HookEvent event, Duration timeout,
            Consumer<String> progress) throws ApplyException {
        hooks.run(target, rendered.hooks(), event, timeout, progress);
    }

    /** Creates the release's namespace when missing ({@code install.createNamespace}). */
    public void ensureNamespace(ReleaseTarget target) throws ApplyException {
        applier.ensureNamespace(target.namespace());
    }

    /** Re-applies a kept revision as a new one, up to its post hooks; returns the new inventory. */
    public List<InventoryEntry> rollback(ReleaseTarget target, RenderedRelease rendered, List<InventoryEntry> previous,
            Duration timeout, Consumer<String> progress) throws ApplyException {
        return applyAfterPreHooks(target, rendered, previous, HookEvent.PRE_ROLLBACK, timeout, progress);
    }

    /** Re-applies the deployed revision's objects (drift correction); no hooks, as no Helm action runs. */
    public List<InventoryEntry> reapply(ReleaseTarget target, List<ManifestObject> objects) throws ApplyException {
        return applier.apply(target, objects);
    }

    /**
     * Deletes everything in {@code inventory} between the delete hooks; {@code rendered} may be null when the chart
     * can no longer be had, and then no hooks run. CRDs are never in an inventory, so they stay.
     */
    public void uninstall(ReleaseTarget target, RenderedRelease rendered, List<InventoryEntry> inventory,
            Duration timeout) throws ApplyException {
        List<Hook> all = rendered == null ? List.of() : rendered.hooks();
        hooks.run(target, all, HookEvent.PRE_DELETE, timeout);
        applier.delete(target.identity(), reversed(inventory));
        hooks.run(target, all, HookEvent.POST_DELETE, timeout);
    }

    /** Deletes objects without hooks: the cleanup of a failed install. */
    public void delete(ReleaseTarget target, List<InventoryEntry> objects) throws ApplyException {
        applier.delete(target.identity(), reversed(objects));
    }

    /** The inventory a rendered release would have, for cleanups of partial applies. */
    public static List<InventoryEntry> inventoryOf(ReleaseTarget target, List<ManifestObject> objects,
            List<InventoryEntry> alsoKnown) {
        Set<InventoryEntry> all = new LinkedHashSet<>(alsoKnown);
        for (ManifestObject o : objects) {
            all.add(new InventoryEntry(o.apiVersion(), o.kind(),
                    o.namespace() == null ? target.namespace() : o.namespace(), o.name()));
        }
        return new ArrayList<>(all);
    }

    private List<InventoryEntry> applyAfterPreHooks(ReleaseTarget target, RenderedRelease rendered,
            List<InventoryEntry> previous, HookEvent pre, Duration timeout, Consumer<String> progress)
            throws ApplyException {
        hooks.run(target, rendered.hooks(), pre, timeout, progress);
        List<InventoryEntry> applied = applier.apply(target, rendered.resources());
        applier.delete(target.identity(), reversed(stale(previous, applied)));
        return applied;
    }

    /** Objects of {@code previous} not in {@code applied}; an object that only changed API version is not stale. */
    static List<InventoryEntry> stale(List<InventoryEntry> previous, List<InventoryEntry> applied) {
        Set<String> kept = new HashSet<>();
        applied.forEach(e -> kept.add(identity(e)));
        return previous.stream().filter(e -> !kept.contains(identity(e))).toList();
    }

    private static String identity(InventoryEntry e) {
        String api = e.apiVersion();
        String group = api.contains("/") ? api.substring(0, api.indexOf('/')) : "";
        return group + "|" + e.kind() + "|" + e.namespace() + "|" + e.name();
    }

    private static List<InventoryEntry> reversed(List<InventoryEntry> objects) {
        // Reverse install order: workloads go before the namespaces and service accounts they use, as Helm does.
        List<InventoryEntry> copy = new ArrayList<>(objects);
        Collections.reverse(copy);
        return copy;
    }
}
