package io.helmdeck.release.service;

import java.time.Instant;
import java.util.List;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;

/** The status of a release before its first reconcile. */
public final class ReleaseStatusRules {

    private ReleaseStatusRules() {
    }

    /** Conditions of a release that has never been reconciled. */
    public static List<Condition> initialConditions(Instant now) {
        return List.of(new Condition(Condition.READY, Condition.UNKNOWN, Reasons.PROGRESSING,
                "waiting for the first reconcile", now));
    }
}
