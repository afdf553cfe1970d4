package io.helmdeck.release.kube;

import java.util.List;

import io.helmdeck.release.render.Hook;
import io.helmdeck.release.render.HookEvent;

/**
 * A hook as Helm stores it in a release ({@code helm.sh/helm/v3/pkg/release/hook.go}).
 *
 * @param path    the chart file it came from, e.g. {@code demo/templates/job.yaml}
 * @param events  Helm's event names ({@code pre-install}, ...)
 * @param lastRun {@code null} when it has not run
 */
public record StoredHook(String name, String kind, String path, String manifest, List<String> events, int weight,
        List<String> deletePolicies, HookExecution lastRun) {

    /** The stored form of a rendered hook and its last run (may be {@code null}). */
    public static StoredHook of(Hook hook, HookExecution lastRun) {
        List<String> events = hook.events().stream().sorted().map(HookEvent::wire).toList();
        return new StoredHook(hook.object().name(), hook.object().kind(), hook.object().source(),
                hook.object().yaml(), events, hook.weight(),
                hook.deletePolicies() == null ? List.of() : List.copyOf(hook.deletePolicies()), lastRun);
    }
}
