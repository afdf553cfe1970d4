package io.helmdeck.release.reconcile.action;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.helmdeck.model.Condition;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.release.kube.ReleaseIdentity;
import io.helmdeck.release.persistence.ReleaseState;
import io.helmdeck.release.policy.ClusterKindScopes;
import io.helmdeck.release.policy.ClusterPolicyCheck;
import io.helmdeck.release.reconcile.StatusDraft;
import io.helmdeck.release.render.ManifestObject;
import io.helmdeck.release.render.RenderedRelease;

/**
 * The step every action that changes the cluster takes between getting a revision's objects and applying any of
 * them: every object (CRDs, manifest, hooks) must lie inside the tenant's cluster policy. On offences the release is
 * {@code Ready=False}, reason {@code PolicyViolation}, with every offending object named, and the action stops
 * before recording or applying anything of that revision.
 */
@ApplicationScoped
public class PolicyGate {

    static final String VIOLATION = Reasons.POLICY_VIOLATION;

    private final Function<ReleaseIdentity, ClusterPolicyCheck.KindScope> scopes;

    @Inject
    public PolicyGate(ClusterKindScopes scopes) {
        this(scopes::as);
    }

    /** For tests: kind scopes without a cluster. */
    public PolicyGate(Function<ReleaseIdentity, ClusterPolicyCheck.KindScope> scopes) {
        this.scopes = scopes;
    }

    /** The status message naming every offence of a rendered revision; empty when all of it may be applied. */
    public Optional<String> refusal(ReleaseState state, RenderedRelease rendered, boolean createNamespace) {
        List<ManifestObject> objects = new ArrayList<>(rendered.crds());
        objects.addAll(rendered.resources());
        rendered.hooks().forEach(h -> objects.add(h.object()));
        return refusal(state, objects, createNamespace);
    }

    /** As {@link #refusal(ReleaseState, RenderedRelease, boolean)}, for objects read back from a stored manifest. */
    public Optional<String> refusal(ReleaseState state, List<ManifestObject> objects, boolean createNamespace) {
        if (state.policy() == null) {
            // Fail closed: a state without its tenant's policy never reaches the cluster.
            return Optional.of("the tenant's cluster policy was not loaded; nothing is applied");
        }
        List<ClusterPolicyCheck.Offence> offences = ClusterPolicyCheck.check(state.policy(),
                state.targetNamespace(), createNamespace, objects, scopes.apply(state.identity()));
        return offences.isEmpty() ? Optional.empty() : Optional.of(ClusterPolicyCheck.message(offences));
    }

    /** Marks the release refused by its policy; the outcome comes back at the interval (the policy or chart may change). */
    public static Outcome refused(StatusDraft draft, String message) {
        draft.failures++;
        draft.phase(ReleasePhase.Failed.name()).ready(false, VIOLATION, message)
                .condition(Condition.RELEASED, false, VIOLATION, message);
        return Outcome.atInterval(VIOLATION);
    }
}
