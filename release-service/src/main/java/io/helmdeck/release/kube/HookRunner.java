package io.helmdeck.release.kube;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * Jobs are waited for until complete and Pods until succeeded (each within the timeout), other kinds not at all; on
 * failure the failed hook is deleted if it says {@code hook-failed}; after all succeeded, hooks saying
 * {@code hook-succeeded} are deleted in reverse order. The wait for a Job or Pod is a step the caller comes back to
 * ({@link #start}, then {@link #resume} until done), so a reconcile need not hold its slot while a hook runs; only
 * the deletions ({@code before-hook-creation}, the policies) are waited for in place. Blocking: call it from worker
 * threads.
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
     * Starts the hooks of {@code event} from the first: each is created in turn (its previous object deleted first
     * when it says {@code before-hook-creation}); a Job or Pod that has not finished at once stops the step.
     *
     * @throws HookFailedException when a hook cannot be applied or has failed
     */
    public HookProgress start(ReleaseTarget target, List<Hook> hooks, HookEvent event, Duration timeout)
            throws ApplyException {
        return runFrom(target, order(hooks, event), event, 0, timeout);
    }

    /**
     * Looks at the running hook again: finished, the next hooks run as in {@link #start}; failed, or still running
     * at its deadline, the hook fails (and is deleted when it says {@code hook-failed}); else it is still running.
     */
    public HookProgress resume(ReleaseTarget target, List<Hook> hooks, HookEvent event, HookProgress.Running running,
            Duration timeout) throws ApplyException {
        List<Hook> executing = order(hooks, event);
        int index = running.index();
        if (index >= executing.size() || !running.hook().name().equals(executing.get(index).object().name())) {
            // The revision renders other hooks than the ones started: nothing sound to resume.
            throw new HookFailedException(event.wire() + " hook " + describe(running.hook())
                    + " failed: the revision no longer renders it", null, List.of());
        }
        Hook hook = executing.get(index);
        HookState state;
        try {
            state = state(target.identity(), running.hook());
        } catch (ApplyException e) {
            throw failed(target, hook, running.hook(), event, running.startedAt(), e, timeout);
        }
        if (state instanceof HookState.Finished) {
            HookExecution done = new HookExecution(hook.object().kind(), hook.object().name(), running.startedAt(),
                    clock.instant(), HookExecution.SUCCEEDED);
            return withEarlier(done, runFrom(target, executing, event, index + 1, timeout));
        }
        if (state instanceof HookState.Failed failure) {
            throw failed(target, hook, running.hook(), event, running.startedAt(),
                    new ApplyException(failure.why()), timeout);
        }
        if (!clock.instant().isBefore(running.deadline())) {
            throw failed(target, hook, running.hook(), event, running.startedAt(),
                    new ApplyException("timed out waiting for it to complete"), timeout);
        }
        return new HookProgress.Running(index, running.hook(), running.startedAt(), running.deadline(),
                running.message(), List.of());
    }

    /**
     * One read of a running hook Job or Pod: whether it has neither finished nor failed yet. Cheap (no render, no
     * change), for the polls in between.
     */
    public boolean stillRunning(ReleaseIdentity identity, InventoryEntry hook) throws ApplyException {
        return state(identity, hook) instanceof HookState.Running;
    }

    private HookProgress runFrom(ReleaseTarget target, List<Hook> executing, HookEvent event, int first,
            Duration timeout) throws ApplyException {
        List<HookExecution> finished = new ArrayList<>();
        for (int i = first; i < executing.size(); i++) {
            Hook hook = executing.get(i);
            ManifestObject object = hook.object();
            InventoryEntry entry = entryFor(target, object);
            Instant started = clock.instant();
            HookState state;
            try {
                if (policies(hook).contains(Hook.BEFORE_HOOK_CREATION)) {
                    deleteAndWait(target.identity(), entry, timeout);
                }
                applier.apply(target, List.of(object));
                state = state(target.identity(), entry);
            } catch (ApplyException e) {
                throw withEarlier(finished, failed(target, hook, entry, event, started, e, timeout));
            }
            if (state instanceof HookState.Failed failure) {
                throw withEarlier(finished, failed(target, hook, entry, event, started,
                        new ApplyException(failure.why()), timeout));
            }
            if (state instanceof HookState.Running) {
                return new HookProgress.Running(i, entry, started, started.plus(timeout),
                        runningMessage(event, entry), finished);
            }
            finished.add(new HookExecution(object.kind(), object.name(), started, clock.instant(),
                    HookExecution.SUCCEEDED));
        }
        for (int i = executing.size() - 1; i >= 0; i--) {
            if (policies(executing.get(i)).contains(Hook.HOOK_SUCCEEDED)) {
                deleteAndWait(target.identity(), entryFor(target, executing.get(i).object()), timeout);
            }
        }
        return new HookProgress.Done(finished);
    }

    private HookFailedException failed(ReleaseTarget target, Hook hook, InventoryEntry entry, HookEvent event,
            Instant started, ApplyException cause, Duration timeout) {
        HookExecution execution = new HookExecution(hook.object().kind(), hook.object().name(), started,
                clock.instant(), HookExecution.FAILED);
        HookFailedException failure = new HookFailedException(
                event.wire() + " hook " + describe(entry) + " failed: " + cause.getMessage(), cause,
                List.of(execution));
        if (policies(hook).contains(Hook.HOOK_FAILED)) {
            deleteFailedHook(target.identity(), entry, timeout, failure);
        }
        return failure;
    }

    private static HookFailedException withEarlier(List<HookExecution> earlier, HookFailedException failure) {
        if (earlier.isEmpty()) {
            return failure;
        }
        List<HookExecution> all = new ArrayList<>(earlier);
        all.addAll(failure.executions());
        HookFailedException whole = new HookFailedException(failure.getMessage(), failure.getCause(), all);
        Arrays.stream(failure.getSuppressed()).forEach(whole::addSuppressed);
        return whole;
    }

    private static HookProgress withEarlier(HookExecution done, HookProgress next) {
        List<HookExecution> finished = new ArrayList<>();
        finished.add(done);
        finished.addAll(next.finished());
        return next instanceof HookProgress.Running r
                ? new HookProgress.Running(r.index(), r.hook(), r.startedAt(), r.deadline(), r.message(), finished)
                : new HookProgress.Done(finished);
    }

    /** What a user is told while a hook runs: {@code pre-install hook Job team-a/web-migrate running}. */
    public static String runningMessage(HookEvent event, InventoryEntry hook) {
        return event.wire() + " hook " + describe(hook) + " running";
    }

    private static String describe(InventoryEntry entry) {
        return ApplyErrors.describe(entry.kind(), entry.namespace(), entry.name());
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

    /** What one read of a hook says: other kinds than Job and Pod are finished once created, as Helm has it. */
    private sealed interface HookState {
        record Running() implements HookState {
        }

        record Finished() implements HookState {
        }

        record Failed(String why) implements HookState {
        }
    }

    private HookState state(ReleaseIdentity identity, InventoryEntry entry) throws ApplyException {
        if (!"Job".equals(entry.kind()) && !"Pod".equals(entry.kind())) {
            return new HookState.Finished();
        }
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
                    return new HookState.Finished();
                }
                if ("Failed".equals(condition.get("type"))) {
                    return new HookState.Failed("the Job failed: " + condition.get("reason")
                            + (condition.get("message") == null ? "" : " (" + condition.get("message") + ")"));
                }
            }
            return new HookState.Running();
        }
        Object phase = status.get("phase");
        if ("Succeeded".equals(phase)) {
            return new HookState.Finished();
        }
        if ("Failed".equals(phase)) {
            return new HookState.Failed("the Pod failed"
                    + (status.get("message") == null ? "" : ": " + status.get("message")));
        }
        return new HookState.Running();
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
        sleep();
    }

    private void sleep() throws ApplyException {
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
