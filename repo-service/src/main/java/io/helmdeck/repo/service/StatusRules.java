package io.helmdeck.repo.service;

import java.time.Instant;
import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.RepositoryPhase;

/** How the summary phase and the first conditions follow from spec and status. */
public final class StatusRules {

    private StatusRules() {
    }

    /** Suspension wins; otherwise the Ready condition decides. */
    public static RepositoryPhase phase(boolean suspend, List<Condition> conditions) {
        if (suspend) {
            return RepositoryPhase.Suspended;
        }
        String ready = conditions.stream().filter(c -> Condition.READY.equals(c.type())).map(Condition::status)
                .findFirst().orElse(Condition.UNKNOWN);
        return switch (ready) {
            case Condition.TRUE -> RepositoryPhase.Ready;
            case Condition.FALSE -> RepositoryPhase.Failed;
            default -> RepositoryPhase.Pending;
        };
    }

    /** Conditions of a repository that has never been synced. */
    public static List<Condition> initialConditions(Instant now) {
        return List.of(new Condition(Condition.READY, Condition.UNKNOWN, Reasons.PROGRESSING,
                "waiting for the first sync", now));
    }
}
