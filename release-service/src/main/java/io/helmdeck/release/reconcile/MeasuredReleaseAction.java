package io.helmdeck.release.reconcile;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import io.helmdeck.release.reconcile.action.Outcome;
import io.helmdeck.release.reconcile.action.ReleaseAction;

/**
 * Counts and times every {@link ReleaseAction} bean as {@link ReleaseReconciler} runs it. A CDI decorator, so the
 * reconciler and the actions stay as they are: metrics are the one concern added around them.
 */
@Decorator
@Priority(10)
public abstract class MeasuredReleaseAction implements ReleaseAction {

    @Inject
    @Delegate
    @Any
    ReleaseAction delegate;

    @Inject
    ReconcileMetrics metrics;

    @Override
    public Outcome run(Situation situation, StatusDraft draft) {
        return metrics.measure(delegate.kind(), draft, () -> delegate.run(situation, draft));
    }
}
