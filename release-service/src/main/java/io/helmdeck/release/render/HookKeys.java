package io.helmdeck.release.render;

/**
 * Hides Helm's hook annotation keys from Helm and brings them back. helm-java's template() returns only the main
 * manifest and drops every object carrying {@code helm.sh/hook}; rendering a copy of the chart in which
 * {@code helm.sh/hook} (and so {@code helm.sh/hook-weight} and {@code helm.sh/hook-delete-policy}, which share the
 * prefix) reads as a private key of the same length makes Helm treat hooks as ordinary objects. The same length
 * keeps {@code trunc} and padding in templates behaving as they would on the real key.
 */
final class HookKeys {

    static final String HOOK = "helm.sh/hook";
    static final String HOOK_WEIGHT = "helm.sh/hook-weight";
    static final String HOOK_DELETE_POLICY = "helm.sh/hook-delete-policy";

    /** Same length as {@link #HOOK}; a valid annotation key prefix that no chart uses. */
    static final String HIDDEN = "hdeck.x/hook";

    private HookKeys() {
    }

    static String hide(String text) {
        return text.replace(HOOK, HIDDEN);
    }

    static String reveal(String text) {
        return text.replace(HIDDEN, HOOK);
    }
}
