package io.helmdeck.release.service;

import io.helmdeck.model.ProblemException;

import java.util.List;
import java.util.Set;

import io.helmdeck.model.Violation;
import io.helmdeck.release.persistence.ReleaseRevisionEntity;
import io.helmdeck.release.persistence.RevisionSummary;

/** Picks the revision a rollback goes to, or says precisely why there is none (422). */
public final class RollbackPlanner {

    /** Revisions that were once deployed successfully (a superseded one was deployed before it was replaced). */
    static final Set<String> SUCCESSFUL = Set.of(ReleaseRevisionEntity.DEPLOYED, ReleaseRevisionEntity.SUPERSEDED);

    private RollbackPlanner() {
    }

    /**
     * The revision to roll back to. {@code kept} are the kept revisions, {@code current} the deployed revision
     * (null when none is), {@code requested} the client's choice (null for the previous successful revision,
     * the newest successful one below the current).
     */
    public static int target(List<RevisionSummary> kept, Integer current, Integer requested) {
        if (requested != null) {
            if (requested < 1) {
                throw invalid("must be at least 1");
            }
            if (requested.equals(current)) {
                throw invalid("revision " + requested + " is the current revision; nothing to roll back");
            }
            if (kept.stream().noneMatch(r -> r.revision() == requested)) {
                throw invalid("revision " + requested + " is not in the kept history (revisions "
                        + describe(kept) + ")");
            }
            return requested;
        }
        return kept.stream()
                .filter(r -> SUCCESSFUL.contains(r.status()))
                .filter(r -> current == null || r.revision() < current)
                .mapToInt(RevisionSummary::revision)
                .max()
                .orElseThrow(() -> invalid("there is no previous successful revision to roll back to"));
    }

    private static String describe(List<RevisionSummary> kept) {
        if (kept.isEmpty()) {
            return "none";
        }
        int low = kept.stream().mapToInt(RevisionSummary::revision).min().getAsInt();
        int high = kept.stream().mapToInt(RevisionSummary::revision).max().getAsInt();
        return low == high ? String.valueOf(low) : low + " to " + high;
    }

    private static ProblemException invalid(String message) {
        return ProblemException.invalid(List.of(new Violation("revision", message)));
    }
}
