package io.helmdeck.release.kube;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.helmdeck.model.InventoryEntry;
import io.helmdeck.release.render.Hook;
import io.helmdeck.release.render.HookEvent;
import io.helmdeck.release.render.ManifestObject;
import org.jboss.logging.Logger;

/**
 * Runs a release's hooks for one event the way Helm 3 does (helm/helm {@code pkg/action/hooks.go}): in order of
 * weight, then name (kind order only breaks ties); {@code before-hook-creation} deletes the previous object first;
 * Jobs are waited for until complete and Pods until succeeded, other kinds not at all; on failure the failed hook
 * is deleted if it says {@code hook-failed}; after all succeeded, hooks saying {@code hook-succeeded} are deleted in
 * reverse order. Blocking: call it from worker threads.
 */
@ApplicationScoped
public class HookRunner {

    private static final Logger LOG = Logger.getLogger(HookRunner.class);
    private static final String CRD = "CustomResourceDefinition";

    private final ObjectApplier applier;
    private final KubeConfig config;
    private final Clock clock;

    @Inject
    HookRunner(ObjectApplier applier, KubeConfig config) {
        this(applier, config, Clock.systemUTC());
    }

    HookRunner(ObjectApplier applier, KubeConfig config, Clock clock) {
        this.applier = applier;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Runs the hooks of {@code event}; {@code timeout} applies to each hook's wait, as in Helm.
     *
     * @return the executions in run order, for the release record ({@code last_run})
     * @throws HookFailedException when a hook cannot be applied, fails, or does not finish within the timeout
     * @throws ApplyException      when a {@code hook-succeeded} deletion fails after every hook succeeded
     */
    public List<HookExecution> run(ReleaseTarget target, List<Hook> hooks, HookEvent event, Duration timeout)
            throws ApplyException {
        return run(target, hooks, event, timeout, message -> {
        });
    }

    /**
     * As {@link #run(ReleaseTarget, List, HookEvent, Duration)}, telling {@code progress} which hook Job or Pod it
     * waits for, e.g. {@code pre-install hook Job team-a/web-migrate running}.
     */
    public List<HookExecution> run(ReleaseTarget target, List<Hook> hooks, HookEvent event, Duration timeout,
            Consumer<String> progress) throws ApplyException {
        List<Hook> executing = order(hooks, event);
        List<HookExecution> executions = new ArrayList<>();
        List<InventoryEntry> created = new ArrayList<>();
        for (Hook hook : executing) {
            ManifestObject object = hook.object();
            InventoryEntry entry = entryFor(target, object);
            Instant started = clock.instant();
            try {
                if (policies(hook).contains(Hook.BEFORE_HOOK_CREATION)) {
                    deleteAndWait(target.identity(), entry, timeout);
                }
                applier.apply(target, List.of(object));
                created.add(entry);
                if ("Job".equals(entry.kind()) || "Pod".equals(entry.kind())) {
                    progress.accept(event.wire() + " hook "
                            + ApplyErrors.describe(object.kind(), entry.namespace(), object.name()) + " running");
                }
                awaitCompletion(target.identity(), entry, clock.instant().plus(timeout));
            } catch (ApplyException e) {
                executions.add(new HookExecution(object.kind(), object.name(), started, clock.instant(),
                        HookExecution.FAILED));
                HookFailedException failure = new HookFailedException(
                        event.wire() + " hook " + ApplyErrors.describe(object.kind(), entry.namespace(), object.name())
                                + " failed: " + e.getMessage(),
                        e, executions);
                if (policies(hook).contains(Hook.HOOK_FAILED)) {
                    deleteFailedHook(target.identity(), entry, timeout, failure);
                }
                throw failure;
            }
            executions.add(new HookExecution(object.kind(), object.name(), started, clock.instant(),
                    HookExecution.SUCCEEDED));
        }
        for (int i = executing.size() - 1; i >= 0; i--) {
            if (policies(executing.get(i)).contains(Hook.HOOK_SUCCEEDED)) {
                deleteAndWait(target.identity(), created.get(i), timeout);
            }
        }
        return executions;
    }

    /**
     * Helm keeps hooks in kind order and then stable-sorts them by weight and name, so kind order decides only
     * between hooks of equal weight and name.
     */
    static List<Hook> order(List<Hook> hooks, HookEvent event) {
        return hooks.stream()
                .filter(h -> h.events().contains(event))
                .sorted(Comparator.comparingInt(Hook::weight)
                        .thenComparing(h -> h.object().name(), Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparingInt(h -> KindOrder.rank(KindOrder.INSTALL, h.object().kind())))
                .toList();
    }

    private static List<String> policies(Hook hook) {
        // Helm's default when the annotation is absent; the renderer should already have set it.
        return hook.deletePolicies() == null || hook.deletePolicies().isEmpty()
                ? List.of(Hook.BEFORE_HOOK_CREATION) : hook.deletePolicies();
    }

    private InventoryEntry entryFor(ReleaseTarget target, ManifestObject object) throws ApplyException {
        String namespace = null;
        if (applier.namespaced(target.identity(), object.apiVersion(), object.kind())) {
            namespace = object.namespace() == null || object.namespace().isBlank() ? target.namespace()
                    : object.namespace();
        }
        return new InventoryEntry(object.apiVersion(), object.kind(), namespace, object.name());
    }

    private void awaitCompletion(ReleaseIdentity identity, InventoryEntry entry, Instant deadline) throws ApplyException {
        if (!"Job".equals(entry.kind()) && !"Pod".equals(entry.kind())) {
            return;
        }
        while (true) {
            Optional<Map<String, Object>> live = applier.live(identity, entry);
            if (live.isEmpty()) {
                throw new ApplyException("it disappeared before it completed");
            }
            Map<String, Object> status = map(live.get().get("status"));
            if ("Job".equals(entry.kind())) {
                for (Object item : list(status.get("conditions"))) {
                    Map<String, Object> condition = map(item);
                    if (!"True".equals(condition.get("status"))) {
                        continue;
                    }
                    if ("Complete".equals(condition.get("type"))) {
                        return;
                    }
                    if ("Failed".equals(condition.get("type"))) {
                        throw new ApplyException("the Job failed: " + condition.get("reason")
                                + (condition.get("message") == null ? "" : " (" + condition.get("message") + ")"));
                    }
                }
            } else {
                Object phase = status.get("phase");
                if ("Succeeded".equals(phase)) {
                    return;
                }
                if ("Failed".equals(phase)) {
                    throw new ApplyException("the Pod failed"
                            + (status.get("message") == null ? "" : ": " + status.get("message")));
                }
            }
            pause(deadline, "timed out waiting for it to complete");
        }
    }

    private void deleteAndWait(ReleaseIdentity identity, InventoryEntry entry, Duration timeout) throws ApplyException {
        if (CRD.equals(entry.kind())) {
            // Helm never deletes CRD hooks: that would cascade to every custom resource of the kind.
            return;
        }
        applier.delete(identity, List.of(entry));
        Instant deadline = clock.instant().plus(timeout);
        // A Job or Pod with finalizers lingers; creating the new hook over it would fail with a conflict.
        while (applier.live(identity, entry).isPresent()) {
            pause(deadline, "timed out waiting for the deletion of "
                    + ApplyErrors.describe(entry.kind(), entry.namespace(), entry.name()));
        }
    }

    private void deleteFailedHook(ReleaseIdentity identity, InventoryEntry entry, Duration timeout,
            HookFailedException failure) {
        try {
            deleteAndWait(identity, entry, timeout);
        } catch (ApplyException e) {
            // The hook failure is what the user must see; the cleanup failure travels with it.
            LOG.warnf("Could not delete failed hook %s: %s", entry.name(), e.getMessage());
            failure.addSuppressed(e);
        }
    }

    private void pause(Instant deadline, String timeoutMessage) throws ApplyException {
        if (!clock.instant().isBefore(deadline)) {
            throw new ApplyException(timeoutMessage);
        }
        try {
            Thread.sleep(config.hookPollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApplyException("interrupted while waiting", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
