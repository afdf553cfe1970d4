package io.helmdeck.model;

/** Typed reasons carried by conditions. Declared once here so every service speaks the same words. */
public final class Reasons {
    private Reasons() {
    }

    /** A new object has not been processed yet. */
    public static final String PROGRESSING = "Progressing";
    /** The object is suspended by its spec. */
    public static final String SUSPENDED = "Suspended";
    public static final String SUCCEEDED = "Succeeded";
    public static final String AUTHENTICATION_FAILED = "AuthenticationFailed";
    public static final String NOT_FOUND = "NotFound";
    public static final String RATE_LIMITED = "RateLimited";
    public static final String DIGEST_MISMATCH = "DigestMismatch";
    public static final String TOO_LARGE = "TooLarge";
    public static final String INVALID_CHART = "InvalidChart";
    public static final String MEDIA_TYPE_NOT_FOUND = "MediaTypeNotFound";
    public static final String UNREACHABLE = "Unreachable";
    public static final String TIMEOUT = "Timeout";
    public static final String TLS_ERROR = "TLSError";
    /** The artifact could not be stored in repo-service (Flux's {@code StorageOperationFailed}). */
    public static final String STORAGE_OPERATION_FAILED = "StorageOperationFailed";
    /** The stored spec cannot be acted on (URL, ref, timeout or layer operation). */
    public static final String INVALID_SPEC = "InvalidSpec";
    /** A fault in the worker itself; the message names the exception. */
    public static final String INTERNAL_ERROR = "InternalError";

    // Helm releases (names as in Flux's helm-controller where they mean the same).
    public static final String SOURCE_NOT_FOUND = "SourceNotFound";
    public static final String SOURCE_NOT_READY = "SourceNotReady";
    public static final String ARTIFACT_FAILED = "ArtifactFailed";
    public static final String RENDER_FAILED = "RenderFailed";
    public static final String CLUSTER_UNAVAILABLE = "ClusterUnavailable";
    public static final String INSTALL_SUCCEEDED = "InstallSucceeded";
    public static final String INSTALL_FAILED = "InstallFailed";
    public static final String UPGRADE_SUCCEEDED = "UpgradeSucceeded";
    public static final String UPGRADE_FAILED = "UpgradeFailed";
    public static final String ROLLBACK_SUCCEEDED = "RollbackSucceeded";
    public static final String ROLLBACK_FAILED = "RollbackFailed";
    public static final String UNINSTALL_SUCCEEDED = "UninstallSucceeded";
    public static final String UNINSTALL_FAILED = "UninstallFailed";
    /** A revision left pending by a stopped replica or a lost lease was marked failed and is run again. */
    public static final String INTERRUPTED = "Interrupted";
    /**
     * Helm's own record of the release was stuck {@code pending-*} (left by the {@code helm} CLI or a crashed
     * process) and was unlocked: marked failed, as Flux's helm-controller does.
     */
    public static final String PENDING_RELEASE_UNLOCKED = "PendingReleaseUnlocked";
    /** An object of the revision lies outside the tenant's cluster policy; nothing of the revision is applied. */
    public static final String POLICY_VIOLATION = "PolicyViolation";
}
