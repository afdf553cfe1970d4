package io.helmdeck.release.service;

import io.helmdeck.model.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.helmdeck.model.HelmRelease;
import io.helmdeck.model.HelmReleaseList;
import io.helmdeck.model.HelmReleaseRequest;
import io.helmdeck.model.ReleaseHistory;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.model.RollbackRequest;
import io.helmdeck.support.config.ApiLimits;
import io.helmdeck.release.config.DeployConfig;
import io.helmdeck.release.mapping.HelmReleaseMapper;
import io.helmdeck.release.persistence.HelmReleaseEntity;
import io.helmdeck.release.persistence.HelmReleaseStatusEntity;
import io.helmdeck.release.persistence.HelmReleaseStatusStore;
import io.helmdeck.release.persistence.HelmReleaseStore;
import io.helmdeck.release.persistence.ReleaseRevisionEntity;
import io.helmdeck.release.persistence.ReleaseRevisionStore;
import io.helmdeck.release.persistence.StoredRelease;
import io.helmdeck.release.policy.ClusterPolicyCheck;
import io.helmdeck.release.policy.EffectivePolicies;
import io.helmdeck.release.policy.SecretRedaction;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.helmdeck.support.service.MergePatch;
import io.helmdeck.support.service.Paging;
import io.helmdeck.support.service.PersistenceFailures;
import io.helmdeck.support.service.Preconditions;

/** Use cases of Helm releases. Owns the transactions; every write is all-or-nothing. */
@ApplicationScoped
public class HelmReleaseService {

    private static final Logger LOG = Logger.getLogger(HelmReleaseService.class);

    private final HelmReleaseStore releases;
    private final HelmReleaseStatusStore statuses;
    private final ReleaseRevisionStore revisions;
    private final ReleaseSpecValidator validator;
    private final HelmReleaseMapper mapper;
    private final ObjectMapper json;
    private final ApiLimits api;
    private final DeployConfig deploy;
    private final Clock clock;
    private final EffectivePolicies policies;

    public HelmReleaseService(HelmReleaseStore releases, HelmReleaseStatusStore statuses,
            ReleaseRevisionStore revisions, ReleaseSpecValidator validator, HelmReleaseMapper mapper,
            ObjectMapper json, ApiLimits api, DeployConfig deploy, Clock clock, EffectivePolicies policies) {
        this.policies = policies;
        this.deploy = deploy;
        this.releases = releases;
        this.statuses = statuses;
        this.revisions = revisions;
        this.validator = validator;
        this.mapper = mapper;
        this.json = json;
        this.api = api;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<HelmRelease> create(String tenant, HelmReleaseRequest request) {
        ReleaseSpec spec = validator.validate(tenant, ProblemException.requireBody(request), null);
        Instant now = now();
        return admit(tenant, spec.targetNamespace()).chain(() -> releases.existsByName(tenant, spec.name()))
                .flatMap(exists -> {
            if (exists) {
                throw nameTaken(tenant, spec.name());
            }
            HelmReleaseEntity entity = new HelmReleaseEntity();
            entity.tenant = tenant;
            entity.createdAt = now;
            entity.updatedAt = now;
            mapper.apply(spec, entity);
            return releases.persistAndFlush(entity).flatMap(saved -> {
                HelmReleaseStatusEntity status = new HelmReleaseStatusEntity();
                status.releaseId = saved.id;
                status.phase = ReleasePhase.Pending.name();
                status.conditions = mapper.write(ReleaseStatusRules.initialConditions(now));
                status.inventory = "[]";
                status.nextReconcileAt = now;
                return statuses.persistAndFlush(status).map(s -> {
                    LOG.infof("created Helm release %s/%s (source %s %s, namespace %s)", tenant, saved.name,
                            saved.sourceType, saved.sourceName, saved.targetNamespace);
                    return mapper.toDto(saved, s);
                });
            });
        }).onFailure(PersistenceFailures::isUniqueViolation).transform(e -> nameTaken(tenant, spec.name()));
    }

    @WithSession
    public Uni<HelmRelease> get(String tenant, String name) {
        return load(tenant, name).map(r -> mapper.toDto(r.spec(), r.status()));
    }

    @WithSession
    public Uni<HelmReleaseList> list(String tenant, String cursor, Integer limit, String phase, String namePrefix) {
        int size = Paging.size(api, limit);
        ReleasePhase wanted = phase == null || phase.isEmpty() ? null : parsePhase(phase);
        Paging.Keyset keyset = Paging.keyset(cursor, namePrefix);
        return releases.page(tenant, keyset.after(), keyset.prefix(), wanted, size + 1).map(rows -> {
            Paging.Page<StoredRelease> page = Paging.page(rows, size, r -> r.spec().name);
            return new HelmReleaseList(page.items().stream().map(r -> mapper.toDto(r.spec(), r.status())).toList(),
                    page.next());
        });
    }

    @WithTransaction
    public Uni<HelmRelease> replace(String tenant, String name, HelmReleaseRequest request, String ifMatch) {
        HelmReleaseRequest body = ProblemException.requireBody(request);
        return load(tenant, name).call(current -> admit(tenant, current.spec().targetNamespace))
                .flatMap(current -> update(current, body, ifMatch));
    }

    @WithTransaction
    public Uni<HelmRelease> patch(String tenant, String name, JsonNode patch, String ifMatch) {
        MergePatch.requireObject(patch);
        return load(tenant, name).call(current -> admit(tenant, current.spec().targetNamespace))
                .flatMap(current -> update(current, MergePatch.applyTo(json, mapper.toRequest(current.spec()), patch,
                        HelmReleaseRequest.class, "release", "Helm release"), ifMatch));
    }

    /**
     * Deletes a release. Empty when the rows are gone already: the release was suspended (its objects stay in the
     * cluster, as with Flux) or nothing was ever applied. Otherwise the release is marked for uninstall and
     * returned; the reconciler deletes its objects and then its rows.
     */
    @WithTransaction
    public Uni<Optional<HelmRelease>> delete(String tenant, String name) {
        return load(tenant, name).flatMap(current -> {
            HelmReleaseEntity spec = current.spec();
            HelmReleaseStatusEntity status = current.status();
            Instant now = now();
            if (spec.suspend || (spec.deletionRequestedAt == null && neverApplied(status, now))) {
                return releases.delete(spec).map(v -> {
                    LOG.infof("deleted Helm release %s/%s%s", tenant, name,
                            spec.suspend ? " (suspended: its objects stay in the cluster)" : "");
                    return Optional.<HelmRelease>empty();
                });
            }
            if (spec.deletionRequestedAt == null) {
                spec.deletionRequestedAt = now;
                LOG.infof("uninstall requested for Helm release %s/%s", tenant, name);
            }
            status.phase = ReleasePhase.Uninstalling.name();
            status.nextReconcileAt = now;
            return releases.flush().map(v -> Optional.of(mapper.toDto(spec, status)));
        });
    }

    /** Marks the release due now, as Flux's reconcile annotation does. */
    @WithTransaction
    public Uni<HelmRelease> requestReconcile(String tenant, String name) {
        return load(tenant, name).map(current -> {
            requireNotSuspended(current.spec(), "reconciled");
            current.status().nextReconcileAt = now();
            return mapper.toDto(current.spec(), current.status());
        });
    }

    /** Records a rollback for the reconciler, after checking that the revision can be rolled back to. */
    @WithTransaction
    public Uni<HelmRelease> rollback(String tenant, String name, RollbackRequest request) {
        Integer requested = request == null ? null : request.revision();
        return load(tenant, name).flatMap(current -> {
            HelmReleaseEntity spec = current.spec();
            if (spec.deletionRequestedAt != null) {
                throw ProblemException.conflict("Helm release " + tenant + "/" + name
                        + " is being uninstalled and cannot be rolled back");
            }
            requireNotSuspended(spec, "rolled back");
            if (deploy.mode() == DeployConfig.Mode.flux) {
                // Flux's helm-controller owns the Helm history there; its remediation is the rollback (ADR 0009).
                throw ProblemException.conflict("in Flux mode rollbacks are done by Flux's remediation "
                        + "(upgrade.remediation.strategy), not on request");
            }
            return revisions.summaries(spec.id).map(kept -> {
                HelmReleaseStatusEntity status = current.status();
                int target = RollbackPlanner.target(kept, status.currentRevision, requested);
                status.rollbackTo = target;
                status.nextReconcileAt = now();
                LOG.infof("rollback of Helm release %s/%s to revision %d requested", tenant, name, target);
                return mapper.toDto(spec, status);
            });
        });
    }

    @WithSession
    public Uni<ReleaseHistory> history(String tenant, String name) {
        return load(tenant, name).flatMap(current -> revisions.summaries(current.spec().id))
                .map(rows -> new ReleaseHistory(rows.stream().map(mapper::toDto).toList()));
    }

    /** The rendered manifest (YAML) of a kept revision; the current one when {@code revision} is null. */
    @WithSession
    public Uni<String> manifest(String tenant, String name, Integer revision) {
        // Secret values never leave in clear (ADR 0019); the stored revision keeps them for re-applying.
        return revision(tenant, name, revision).map(r -> r.manifest == null ? "" : SecretRedaction.manifest(r.manifest));
    }

    /** The values (a JSON object, in stored key order) a kept revision used; the current one when null. */
    @WithSession
    public Uni<JsonNode> values(String tenant, String name, Integer revision) {
        return revision(tenant, name, revision).map(r -> {
            try {
                return r.valuesJson == null ? json.createObjectNode() : json.readTree(r.valuesJson);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("stored values of revision " + r.revision + " are not JSON", e);
            }
        });
    }

    private Uni<ReleaseRevisionEntity> revision(String tenant, String name, Integer revision) {
        if (revision != null && revision < 1) {
            throw ProblemException.badRequest("revision must be at least 1");
        }
        return load(tenant, name).flatMap(current -> {
            Integer wanted = revision != null ? revision : current.status().currentRevision;
            if (wanted == null) {
                throw ProblemException.notFound("a current revision of Helm release " + tenant + "/" + name
                        + " (nothing is deployed yet; give ?revision=N)");
            }
            return revisions.find(current.spec().id, wanted).onItem().ifNull().failWith(() ->
                    ProblemException.notFound("revision " + wanted + " of Helm release " + tenant + "/" + name
                            + " (not in the kept history)"));
        });
    }

    private Uni<HelmRelease> update(StoredRelease current, HelmReleaseRequest request, String ifMatch) {
        HelmReleaseEntity entity = current.spec();
        long before = entity.version;
        Preconditions.checkIfMatch(ifMatch, before, "release");
        Preconditions.checkVersion(request.version(), before, "release");
        ReleaseSpec spec = validator.validate(entity.tenant, request, mapper.toSpec(entity));
        boolean changed = !mapper.toSpec(entity).equals(spec) || !Objects.equals(entity.labels, mapper.write(spec.labels()));
        mapper.apply(spec, entity);
        if (changed) {
            Instant now = now();
            entity.updatedAt = now;
            // A changed spec is reconciled at once, like a new generation in Flux.
            current.status().nextReconcileAt = now;
        }
        return releases.flush().map(v -> {
            if (changed) {
                LOG.infof("updated Helm release %s/%s to version %d", entity.tenant, entity.name, entity.version);
            }
            return mapper.toDto(entity, current.status());
        }).onFailure(PersistenceFailures::isStaleVersion).transform(e -> ifMatch != null && !ifMatch.isBlank()
                ? ProblemException.preconditionFailed("the release was changed concurrently; read it again and retry")
                : ProblemException.conflict("the release was changed concurrently; read it again and retry"));
    }

    /**
     * Fails with 422 on {@code targetNamespace} when the tenant's cluster policy does not allow it: such a release
     * could never be applied (ADR 0019). On updates too, so a policy narrowed later is noticed on the next write.
     */
    private Uni<Void> admit(String tenant, String targetNamespace) {
        return policies.of(tenant).invoke(policy -> ClusterPolicyCheck.targetNamespace(policy, targetNamespace)
                .ifPresent(violation -> {
                    throw ProblemException.invalid(List.of(violation));
                })).replaceWithVoid();
    }

    /** Nothing of the release can be in the cluster: no revision deployed, no inventory, no reconcile running. */
    private boolean neverApplied(HelmReleaseStatusEntity status, Instant now) {
        boolean leased = status.leaseHolder != null && status.leaseExpiresAt != null
                && status.leaseExpiresAt.isAfter(now);
        return status.currentRevision == null && mapper.inventory(status.inventory).isEmpty() && !leased;
    }

    private static void requireNotSuspended(HelmReleaseEntity spec, String what) {
        if (spec.suspend) {
            throw ProblemException.conflict("Helm release " + spec.tenant + "/" + spec.name + " is suspended and "
                    + "cannot be " + what + "; set suspend to false first");
        }
    }

    private Uni<StoredRelease> load(String tenant, String name) {
        return releases.findByName(tenant, name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("Helm release " + tenant + "/" + name));
    }

    private static ProblemException nameTaken(String tenant, String name) {
        return ProblemException.conflict("a Helm release named " + name + " already exists in tenant " + tenant);
    }

    private static ReleasePhase parsePhase(String value) {
        for (ReleasePhase phase : ReleasePhase.values()) {
            if (phase.name().equals(value)) {
                return phase;
            }
        }
        throw ProblemException.badRequest("phase must be one of " + List.of(ReleasePhase.values()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
