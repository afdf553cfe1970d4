package io.helmdeck.release.reconcile.action;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.reconcile.NextAction;
import io.helmdeck.release.reconcile.Situation;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.source.SourceLookup;

/**
 * The source cannot give an artifact: deleted ({@code SourceNotFound}), not synced yet, or repo-service cannot be
 * asked ({@code SourceNotReady}, retried soon). The deployed objects stay as they are.
 */
@ApplicationScoped
public class SourceUnavailable implements ReleaseAction {

    static final String NOT_FOUND = Reasons.SOURCE_NOT_FOUND;
    static final String NOT_READY = Reasons.SOURCE_NOT_READY;

    @Override
    public NextAction kind() {
        return NextAction.SOURCE_UNAVAILABLE;
    }

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        String source = situation.state().sourceName();
        if (situation.source() instanceof SourceLookup.NotFound) {
            draft.phase(ReleasePhase.SourceNotFound.name()).ready(false, NOT_FOUND,
                    "OCIRepository '" + source + "' not found; the release stays as deployed");
            return Outcome.atInterval(NOT_FOUND);
        }
        if (situation.source() instanceof SourceLookup.Unavailable u) {
            draft.phase(ReleasePhase.SourceNotReady.name()).ready(false, NOT_READY,
                    "repo-service could not be asked: " + u.message());
            return Outcome.retry(NOT_READY);
        }
        draft.phase(ReleasePhase.SourceNotReady.name()).ready(false, NOT_READY,
                "OCIRepository '" + source + "' has no artifact yet");
        return Outcome.atInterval(NOT_READY);
    }
}
