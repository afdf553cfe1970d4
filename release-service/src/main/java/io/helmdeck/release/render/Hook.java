package io.helmdeck.release.render;

import java.util.List;
import java.util.Set;

/**
 * A rendered hook object.
 *
 * @param events         the events it runs on ({@code helm.sh/hook})
 * @param weight         {@code helm.sh/hook-weight}, 0 when absent
 * @param deletePolicies {@code helm.sh/hook-delete-policy} values; Helm's default {@code before-hook-creation}
 *                       when the annotation is absent
 */
public record Hook(ManifestObject object, Set<HookEvent> events, int weight, List<String> deletePolicies) {
    public static final String BEFORE_HOOK_CREATION = "before-hook-creation";
    public static final String HOOK_SUCCEEDED = "hook-succeeded";
    public static final String HOOK_FAILED = "hook-failed";
}
