package io.helmdeck.repo.service;

import java.time.Instant;
import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;

/** The conditions of a repository before its first sync. */
public final class StatusRules {

    private StatusRules() {
    }

    /** Conditions of a repository that has never been synced. */
    public static List<Condition> initialConditions(Instant now) {
        return List.of(new Condition(Condition.READY, Condition.UNKNOWN, Reasons.PROGRESSING,
                "waiting for the first sync", now));
    }
}
