package io.helmdeck.release.persistence;

/**
 * Which of Flux's readiness-wait opt-outs a release sets ({@code install.disableWait}, …); all false by default.
 */
public record WaitOptions(boolean installDisableWait, boolean installDisableWaitForJobs, boolean upgradeDisableWait,
        boolean upgradeDisableWaitForJobs, boolean rollbackDisableWait) {

    /** Wait for everything, Jobs included: the default. */
    public static final WaitOptions WAIT_FOR_ALL = new WaitOptions(false, false, false, false, false);

    /** Whether the objects of this action ({@code install}, {@code upgrade}, {@code rollback}) are waited for. */
    public boolean waits(String action) {
        return switch (action) {
            case RevisionRow.INSTALL -> !installDisableWait;
            case RevisionRow.UPGRADE -> !upgradeDisableWait;
            default -> !rollbackDisableWait;
        };
    }

    /** Whether Jobs count among the objects waited for (a rollback waits for them as an upgrade does). */
    public boolean waitsForJobs(String action) {
        return switch (action) {
            case RevisionRow.INSTALL -> !installDisableWaitForJobs;
            case RevisionRow.UPGRADE -> !upgradeDisableWaitForJobs;
            default -> true;
        };
    }
}
