package io.helmdeck.release.reconcile;

import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.persistence.ReleaseStateStore;
import org.jboss.logging.Logger;

/**
 * Shows what a running action waits for while it still runs (a hook Job, which it waits for in place): the
 * draft's {@code Ready} becomes {@code Unknown}/{@code Progressing} with {@code <action>: <what>}, and phase and
 * conditions are written at once, so the API shows it before the reconcile ends. Only changes are written.
 */
@ApplicationScoped
public class ProgressReporter {

    private static final Logger LOG = Logger.getLogger(ProgressReporter.class);

    private final ReleaseStateStore store;

    public ProgressReporter(ReleaseStateStore store) {
        this.store = store;
    }

    /** A listener for one action ({@code install}, {@code upgrade}, {@code rollback}) of this release. */
    public Consumer<String> of(ReleaseState state, StatusDraft draft, String action) {
        String[] last = new String[1];
        return what -> {
            String message = action + ": " + what;
            if (message.equals(last[0])) {
                return;
            }
            last[0] = message;
            draft.progressing(message);
            try {
                store.saveProgress(state.id(), draft.phase, draft.conditions).await().indefinitely();
            } catch (RuntimeException e) {
                // Progress is for the reader; the action goes on and the final status is written anyway.
                LOG.debugf("progress of release %s/%s not written: %s", state.tenant(), state.name(),
                        e.getMessage());
            }
        };
    }
}
