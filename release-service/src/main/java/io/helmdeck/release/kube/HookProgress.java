package io.helmdeck.release.kube;

import java.time.Instant;
import java.util.List;

import io.helmdeck.model.InventoryEntry;

/**
 * Where the hooks of one event stand after {@link HookRunner#start} or {@link HookRunner#resume}: all done, or one
 * hook Job or Pod still running, to be looked at again later (the caller keeps it, so nothing waits in place).
 */
public sealed interface HookProgress {

    /** The hooks that finished during this step, in run order. */
    List<HookExecution> finished();

    /** Every hook of the event succeeded, and those saying {@code hook-succeeded} were deleted. */
    record Done(List<HookExecution> finished) implements HookProgress {
    }

    /**
     * The hook at {@code index} (in run order) is a Job or Pod that has not finished yet.
     *
     * @param hook      the object to look at
     * @param startedAt when it was created
     * @param deadline  the release's {@code timeout} after that (Helm's timeout is per hook): not finished by then
     *                  fails it
     * @param message   what to tell the user, e.g. {@code pre-install hook Job team-a/web-migrate running}
     */
    record Running(int index, InventoryEntry hook, Instant startedAt, Instant deadline, String message,
            List<HookExecution> finished) implements HookProgress {
    }
}
