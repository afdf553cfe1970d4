package io.helmdeck.release.render;

/** Helm hook events ({@code helm.sh/hook}); {@link #wire()} is the annotation value. */
public enum HookEvent {
    PRE_INSTALL("pre-install"), POST_INSTALL("post-install"),
    PRE_UPGRADE("pre-upgrade"), POST_UPGRADE("post-upgrade"),
    PRE_ROLLBACK("pre-rollback"), POST_ROLLBACK("post-rollback"),
    PRE_DELETE("pre-delete"), POST_DELETE("post-delete"),
    TEST("test");

    private final String wire;

    HookEvent(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }
}
