package io.helmdeck.release.reconcile;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.InventoryEntry;
import io.helmdeck.release.kube.ApplyException;
import io.helmdeck.release.kube.HookProgress;
import io.helmdeck.release.kube.HookRunner;
import io.helmdeck.release.kube.ObjectApplier;
import io.helmdeck.release.kube.ReleaseTarget;
import io.helmdeck.release.render.Hook;
import io.helmdeck.release.render.HookEvent;
import io.helmdeck.release.render.ManifestObject;
import io.helmdeck.release.render.RenderedRelease;

/**
 * The cluster side of Helm's actions, step by step so that the caller can stop between them (ADR 0029): CRDs
 * (install only), pre hooks, the manifest, removal of objects the new revision no longer renders, then (after the
 * readiness wait, as {@code helm --wait} does) post hooks. A hook Job or Pod still running is handed back, not waited
 * for. Blocking; runs on reconcile worker threads.
 */
@ApplicationScoped
public class ReleaseOperations {

    private final ObjectApplier applier;
    private final HookRunner hooks;

    public ReleaseOperations(ObjectApplier applier, HookRunner hooks) {
        this.applier = applier;
        this.hooks = hooks;
    }

    /** Installs the chart's {@code crds/}: the first thing an install does, before its pre hooks, as Helm does. */
    public void installCrds(ReleaseTarget target, RenderedRelease rendered) throws ApplyException {
        if (!rendered.crds().isEmpty()) {
            // Helm never upgrades or deletes them.
            applier.apply(target, rendered.crds());
        }
    }

    /**
     * Applies the manifest of an install ({@code previous} empty), upgrade or rollback, once its pre hooks are
     * done, and deletes the objects of {@code previous} it no longer has; returns the new inventory.
     */
    public List<InventoryEntry> apply(ReleaseTarget target, RenderedRelease rendered, List<InventoryEntry> previous)
            throws ApplyException {
        List<InventoryEntry> applied = applier.apply(target, rendered.resources());
        applier.delete(target.identity(), reversed(stale(previous, applied)));
        return applied;
    }

    /** Starts the hooks of an event; a Job or Pod still running is handed back, not waited for. */
    public HookProgress startHooks(ReleaseTarget target, RenderedRelease rendered, HookEvent event, Duration timeout)
            throws ApplyException {
        return hooks.start(target, rendered.hooks(), event, timeout);
    }

    /** Looks at a running hook again and, once it finished, runs the next ones. */
    public HookProgress resumeHooks(ReleaseTarget target, RenderedRelease rendered, HookEvent event,
            HookProgress.Running running, Duration timeout) throws ApplyException {
        return hooks.resume(target, rendered.hooks(), event, running, timeout);
    }

    /** One read of a running hook: whether it neither finished nor failed yet. */
    public boolean hookStillRunning(ReleaseTarget target, InventoryEntry hook) throws ApplyException {
        return hooks.stillRunning(target.identity(), hook);
    }

    /** Creates the release's namespace when missing ({@code install.createNamespace}). */
    public void ensureNamespace(ReleaseTarget target) throws ApplyException {
        applier.ensureNamespace(target.namespace());
    }

    /** Re-applies the deployed revision's objects (drift correction); no hooks, as no Helm action runs. */
    public List<InventoryEntry> reapply(ReleaseTarget target, List<ManifestObject> objects) throws ApplyException {
        return applier.apply(target, objects);
    }

    /**
     * Deletes objects in reverse order, without hooks: an uninstall between its delete hooks, the cleanup of a failed
     * install. CRDs are never in an inventory, so they stay.
     */
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
