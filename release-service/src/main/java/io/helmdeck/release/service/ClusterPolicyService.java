package io.helmdeck.release.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.helmdeck.model.ClusterPolicy;
import io.helmdeck.model.ProblemException;
import io.helmdeck.support.service.Preconditions;
import io.helmdeck.release.mapping.ClusterPolicyMapper;
import io.helmdeck.release.persistence.ClusterPolicyEntity;
import io.helmdeck.release.persistence.ClusterPolicyStore;
import io.helmdeck.release.policy.ClusterPolicySpec;
import io.helmdeck.release.policy.ClusterPolicyValidator;
import io.helmdeck.release.policy.EffectivePolicies;
import io.helmdeck.support.security.Caller;
import io.helmdeck.support.service.PersistenceFailures;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

/** Use cases of a tenant's cluster policy: read it (stored or default) and, as an admin, replace it. */
@ApplicationScoped
public class ClusterPolicyService {

    private static final Logger LOG = Logger.getLogger(ClusterPolicyService.class);
    private static final String WHAT = "the cluster policy";
    /** How precondition messages name it ("the cluster policy was changed since you read it"). */
    private static final String RECORD = "cluster policy";

    private final ClusterPolicyStore store;
    private final EffectivePolicies policies;
    private final ClusterPolicyValidator validator;
    private final ClusterPolicyMapper mapper;
    private final Clock clock;

    public ClusterPolicyService(ClusterPolicyStore store, EffectivePolicies policies, ClusterPolicyValidator validator,
            ClusterPolicyMapper mapper, Clock clock) {
        this.store = store;
        this.policies = policies;
        this.validator = validator;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The stored policy, or the platform default marked {@code "default": true} with version 0. */
    @WithSession
    public Uni<ClusterPolicy> get(String tenant) {
        return store.findByTenant(tenant).map(stored -> stored == null
                ? mapper.toDto(tenant, policies.defaultFor(tenant), null)
                : mapper.toDto(tenant, mapper.toPolicy(stored), stored));
    }

    /**
     * Replaces the tenant's policy (creating it over the default). Only admins: a tenant member granting itself
     * namespaces or cluster-scoped kinds would defeat the policy. {@code If-Match: "0"} succeeds only while none
     * is stored.
     */
    @WithTransaction
    public Uni<ClusterPolicy> replace(String tenant, ClusterPolicy body, String ifMatch, Caller caller) {
        if (!caller.admin()) {
            throw ProblemException.forbidden("only an admin may set a tenant's cluster policy");
        }
        ClusterPolicy request = ProblemException.requireBody(body);
        return store.findByTenant(tenant).flatMap(stored -> {
            long current = stored == null ? 0 : stored.version;
            Preconditions.checkIfMatch(ifMatch, current, RECORD);
            Preconditions.checkVersion(request.version(), current, RECORD);
            ClusterPolicySpec spec = validator.validate(request);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (stored == null) {
                ClusterPolicyEntity created = new ClusterPolicyEntity();
                created.tenant = tenant;
                created.version = 1;
                created.createdAt = now;
                created.updatedAt = now;
                mapper.apply(spec, created);
                return store.persistAndFlush(created).map(saved -> logged(tenant, saved));
            }
            if (mapper.holds(stored, spec)) {
                return Uni.createFrom().item(mapper.toDto(tenant, mapper.toPolicy(stored), stored));
            }
            mapper.apply(spec, stored);
            stored.updatedAt = now;
            return store.flush().map(v -> logged(tenant, stored));
        }).onFailure(e -> PersistenceFailures.isUniqueViolation(e) || PersistenceFailures.isStaleVersion(e))
                .transform(e -> ifMatch != null && !ifMatch.isBlank()
                        ? ProblemException.preconditionFailed(WHAT + " was changed concurrently; read it again and retry")
                        : ProblemException.conflict(WHAT + " was changed concurrently; read it again and retry"));
    }

    private ClusterPolicy logged(String tenant, ClusterPolicyEntity saved) {
        // Names and kinds only: the policy holds no secret.
        LOG.infof("cluster policy of tenant %s set to version %d: namespaces %s, cluster-scoped kinds %s, "
                + "service account %s", tenant, saved.version, saved.namespaces, saved.clusterScopedKinds,
                saved.serviceAccountName == null ? "(Helmdeck's own identity)" : saved.serviceAccountName);
        return mapper.toDto(tenant, mapper.toPolicy(saved), saved);
    }
}
