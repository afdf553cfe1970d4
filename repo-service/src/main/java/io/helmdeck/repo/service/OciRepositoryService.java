package io.helmdeck.repo.service;

import io.helmdeck.model.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.jboss.logging.Logger;

import io.helmdeck.model.OciRepository;
import io.helmdeck.model.OciRepositoryList;
import io.helmdeck.model.OciRepositoryRequest;
import io.helmdeck.model.RegistryAuth;
import io.helmdeck.model.RepositoryPhase;
import io.helmdeck.model.SyncAttempt;
import io.helmdeck.model.SyncHistory;
import io.helmdeck.model.release.SourceEvent;
import io.helmdeck.repo.client.SourceEventPublisher;
import io.helmdeck.support.config.ApiLimits;
import io.helmdeck.repo.mapping.OciRepositoryMapper;
import io.helmdeck.repo.persistence.OciRepositoryEntity;
import io.helmdeck.repo.persistence.OciRepositoryStatusEntity;
import io.helmdeck.repo.persistence.OciRepositoryStatusStore;
import io.helmdeck.repo.persistence.OciRepositoryStore;
import io.helmdeck.repo.persistence.StoredRepository;
import io.helmdeck.repo.persistence.SyncAttemptStore;
import io.helmdeck.repo.service.RepositorySpecValidator.StoredAuth;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.helmdeck.support.service.MergePatch;
import io.helmdeck.support.service.Paging;
import io.helmdeck.support.service.PersistenceFailures;
import io.helmdeck.support.service.Preconditions;

/** Use cases of OCI repositories. Owns the transactions; every write is all-or-nothing. */
@ApplicationScoped
public class OciRepositoryService {

    private static final Logger LOG = Logger.getLogger(OciRepositoryService.class);

    private final OciRepositoryStore repositories;
    private final OciRepositoryStatusStore statuses;
    private final SyncAttemptStore attempts;
    private final RepositorySpecValidator validator;
    private final OciRepositoryMapper mapper;
    private final SecretCipher cipher;
    private final ObjectMapper json;
    private final ApiLimits api;
    private final SourceEventPublisher sourceEvents;
    private final Clock clock;

    public OciRepositoryService(OciRepositoryStore repositories, OciRepositoryStatusStore statuses,
            SyncAttemptStore attempts,
            RepositorySpecValidator validator, OciRepositoryMapper mapper, SecretCipher cipher, ObjectMapper json,
            ApiLimits api, SourceEventPublisher sourceEvents, Clock clock) {
        this.repositories = repositories;
        this.statuses = statuses;
        this.attempts = attempts;
        this.validator = validator;
        this.mapper = mapper;
        this.cipher = cipher;
        this.json = json;
        this.api = api;
        this.sourceEvents = sourceEvents;
        this.clock = clock;
    }

    @WithTransaction
    public Uni<OciRepository> create(String tenant, OciRepositoryRequest request) {
        RepositorySpec spec = validator.validate(ProblemException.requireBody(request), null, null);
        Instant now = now();
        return repositories.existsByName(tenant, spec.name()).flatMap(exists -> {
            if (exists) {
                throw nameTaken(tenant, spec.name());
            }
            OciRepositoryEntity entity = new OciRepositoryEntity();
            entity.tenant = tenant;
            entity.createdAt = now;
            entity.updatedAt = now;
            mapper.apply(spec, entity);
            entity.authSecret = spec.authSecret() == null ? null
                    : cipher.encrypt(spec.authSecret(), SyncTaskFactory.secretContext(entity));
            return repositories.persistAndFlush(entity).flatMap(saved -> {
                OciRepositoryStatusEntity status = new OciRepositoryStatusEntity();
                status.repositoryId = saved.id;
                status.conditions = mapper.write(StatusRules.initialConditions(now));
                status.phase = RepositoryPhase.Pending.name();
                status.nextSyncAt = now;
                return statuses.persistAndFlush(status).map(s -> {
                    LOG.infof("created OCI repository %s/%s (%s)", tenant, saved.name, saved.url);
                    return mapper.toDto(saved, s);
                });
            });
        }).onFailure(PersistenceFailures::isUniqueViolation).transform(e -> nameTaken(tenant, spec.name()));
    }

    @WithSession
    public Uni<OciRepository> get(String tenant, String name) {
        return load(tenant, name).map(r -> mapper.toDto(r.spec(), r.status()));
    }

    @WithSession
    public Uni<OciRepositoryList> list(String tenant, String cursor, Integer limit, String phase, String namePrefix) {
        int size = Paging.size(api, limit);
        if (phase != null && !isPhase(phase)) {
            throw ProblemException.badRequest("status must be one of Pending, Ready, Failed, Suspended");
        }
        Paging.Keyset keyset = Paging.keyset(cursor, namePrefix);
        return repositories.page(tenant, keyset.after(), keyset.prefix(), phase, size + 1).map(rows -> {
            Paging.Page<StoredRepository> page = Paging.page(rows, size, r -> r.spec().name);
            return new OciRepositoryList(page.items().stream().map(r -> mapper.toDto(r.spec(), r.status())).toList(),
                    page.next());
        });
    }

    @WithTransaction
    public Uni<OciRepository> replace(String tenant, String name, OciRepositoryRequest request, String ifMatch) {
        OciRepositoryRequest body = ProblemException.requireBody(request);
        return load(tenant, name).flatMap(current -> update(current, body, ifMatch));
    }

    @WithTransaction
    public Uni<OciRepository> patch(String tenant, String name, JsonNode patch, String ifMatch) {
        MergePatch.requireObject(patch);
        return load(tenant, name).flatMap(current -> update(current, MergePatch.applyTo(json,
                mapper.toRequest(current.spec()), patch, OciRepositoryRequest.class, "repository", "OCI repository"), ifMatch));
    }

    /** Deletes the record; once committed, release-service is told so its releases say the source is gone. */
    public Uni<Void> delete(String tenant, String name) {
        return Panache.withTransaction(() -> load(tenant, name).flatMap(current -> repositories.delete(current.spec())))
                .invoke(() -> {
                    LOG.infof("deleted OCI repository %s/%s", tenant, name);
                    sourceEvents.publish(new SourceEvent(tenant, name, SourceEvent.DELETED, null, null));
                });
    }

    /** Marks the repository due now, as Flux's reconcile annotation does. */
    @WithTransaction
    public Uni<OciRepository> requestSync(String tenant, String name) {
        return load(tenant, name).map(current -> {
            current.status().nextSyncAt = now();
            return mapper.toDto(current.spec(), current.status());
        });
    }

    @WithSession
    public Uni<SyncHistory> history(String tenant, String name, Integer limit) {
        int size = limit == null ? 20 : limit;
        if (size < 1 || size > SyncLeaseService.HISTORY_KEPT) {
            throw ProblemException.badRequest("limit must be between 1 and " + SyncLeaseService.HISTORY_KEPT);
        }
        return load(tenant, name).flatMap(current -> attempts.latest(current.spec().id, size))
                .map(rows -> new SyncHistory(rows.stream().map(a -> new SyncAttempt(a.finishedAt, a.outcome,
                        a.revision, a.durationMillis, a.reason, a.message)).toList()));
    }

    private Uni<OciRepository> update(StoredRepository current, OciRepositoryRequest request, String ifMatch) {
        OciRepositoryEntity entity = current.spec();
        long before = entity.version;
        Preconditions.checkIfMatch(ifMatch, before, "repository");
        Preconditions.checkVersion(request.version(), before, "repository");
        RepositorySpec spec = validator.validate(request, entity.name,
                new StoredAuth(entity.authType, entity.authSecret != null));
        OciRepositoryRequest previous = mapper.toRequest(entity);
        String previousSecret = entity.authSecret;
        mapper.apply(spec, entity);
        if (RegistryAuth.NONE.equals(spec.authType())) {
            entity.authSecret = null;
        } else if (spec.authSecret() != null) {
            entity.authSecret = cipher.encrypt(spec.authSecret(), SyncTaskFactory.secretContext(entity));
        }
        boolean changed = !previous.equals(mapper.toRequest(entity)) || !Objects.equals(previousSecret, entity.authSecret);
        if (changed) {
            Instant now = now();
            entity.updatedAt = now;
            // A changed spec re-syncs at once, like a new generation in Flux.
            current.status().nextSyncAt = now;
        }
        return repositories.flush().map(v -> {
            if (changed) {
                LOG.infof("updated OCI repository %s/%s to version %d", entity.tenant, entity.name, entity.version);
            }
            return mapper.toDto(entity, current.status());
        }).onFailure(PersistenceFailures::isStaleVersion).transform(e -> ifMatch != null && !ifMatch.isBlank()
                ? ProblemException.preconditionFailed("the repository was changed concurrently; read it again and retry")
                : ProblemException.conflict("the repository was changed concurrently; read it again and retry"));
    }

    private Uni<StoredRepository> load(String tenant, String name) {
        return repositories.findByName(tenant, name).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("OCI repository " + tenant + "/" + name));
    }


    private static ProblemException nameTaken(String tenant, String name) {
        return ProblemException.conflict("an OCI repository named " + name + " already exists in tenant " + tenant);
    }

    private static boolean isPhase(String value) {
        for (RepositoryPhase phase : RepositoryPhase.values()) {
            if (phase.name().equals(value)) {
                return true;
            }
        }
        return false;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
