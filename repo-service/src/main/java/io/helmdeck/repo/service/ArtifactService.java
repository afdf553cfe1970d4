package io.helmdeck.repo.service;

import io.helmdeck.model.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.helmdeck.model.Violation;
import io.helmdeck.model.value.Digest;
import io.helmdeck.repo.config.ArtifactConfig;
import io.helmdeck.repo.persistence.ArtifactEntity;
import io.helmdeck.repo.persistence.ArtifactStore;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.helmdeck.support.security.Caller;

/**
 * Stores chart blobs by digest, once, whoever uploads them: a blob is accepted only when its bytes hash to the
 * digest it is stored under, so a reader fetching by digest always gets exactly what a sync verified.
 */
@ApplicationScoped
public class ArtifactService {

    private static final Logger LOG = Logger.getLogger(ArtifactService.class);

    private final ArtifactStore store;
    private final ArtifactConfig config;
    private final Clock clock;

    public ArtifactService(ArtifactStore store, ArtifactConfig config, Clock clock) {
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @WithSession
    public Uni<Boolean> exists(String digest) {
        return store.exists(parse(digest).toString());
    }

    /** Stores the blob; true when it was new, false when the store already had it. */
    public Uni<Boolean> put(String digest, String mediaType, byte[] content) {
        Digest expected = parse(digest);
        if (content == null || content.length == 0) {
            throw ProblemException.badRequest("the artifact body is empty");
        }
        if (content.length > config.maxBytes()) {
            throw ProblemException.tooLarge(content.length, config.maxBytes());
        }
        // OCI layer media types carry no parameters; an HTTP client may still add a charset.
        String layerType = mediaType == null ? "" : mediaType.split(";", 2)[0].trim();
        if (layerType.isEmpty() || layerType.length() > 255) {
            throw ProblemException.badRequest("Content-Type must be the layer's media type");
        }
        if (!Digest.sha256Of(content).equals(expected)) {
            throw ProblemException.invalid(List.of(new Violation("body", "does not hash to " + expected)));
        }
        return store.insertIfAbsent(expected.toString(), layerType, content,
                clock.instant().truncatedTo(ChronoUnit.MICROS)).invoke(created -> {
                    if (created) {
                        LOG.infof("stored artifact %s (%d bytes)", expected, content.length);
                    }
                });
    }

    @WithSession
    public Uni<ArtifactEntity> get(String digest) {
        return store.findById(parse(digest).toString()).onItem().ifNull()
                .failWith(() -> ProblemException.notFound("artifact " + digest));
    }

    /**
     * The artifact for a user: an admin reads any; anyone else only the current artifact of a repository in one
     * of their tenants. Any other digest is answered exactly as a missing one.
     */
    @WithSession
    public Uni<ArtifactEntity> get(String digest, Caller caller) {
        String key = parse(digest).toString();
        Uni<Boolean> readable = caller.admin() ? Uni.createFrom().item(true) : store.isCurrentIn(key, caller.tenants());
        return readable.flatMap(ok -> ok ? store.findById(key) : Uni.createFrom().nullItem())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("artifact " + digest));
    }

    /** Removes blobs that no repository points at any more, once the retention has passed. */
    @WithTransaction
    public Uni<Long> collectGarbage() {
        Instant cutoff = clock.instant().minus(config.retention());
        return store.deleteUnreferencedBefore(cutoff).invoke(n -> {
            if (n > 0) {
                LOG.infof("garbage-collected %d unreferenced artifacts older than %s", n, cutoff);
            }
        });
    }

    private static Digest parse(String digest) {
        try {
            return Digest.parse(digest);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidPath(List.of(new Violation("path.digest", e.getMessage())));
        }
    }
}
