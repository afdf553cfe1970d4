package io.helmdeck.repo.mapping;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.Artifact;
import io.helmdeck.model.Condition;
import io.helmdeck.model.LayerSelector;
import io.helmdeck.model.OciRepository;
import io.helmdeck.model.OciRepositoryRef;
import io.helmdeck.model.OciRepositoryRequest;
import io.helmdeck.model.OciRepositoryStatus;
import io.helmdeck.model.RegistryAuth;
import io.helmdeck.model.RegistryAuthView;
import io.helmdeck.model.RepositoryPhase;
import io.helmdeck.model.value.Interval;
import io.helmdeck.model.value.OciUrl;
import io.helmdeck.repo.persistence.OciRepositoryEntity;
import io.helmdeck.repo.persistence.OciRepositoryStatusEntity;
import io.helmdeck.repo.service.RepositorySpec;
import io.helmdeck.support.mapping.JsonColumns;

/** Converts between stored rows and wire records. The only place that knows both shapes. */
@ApplicationScoped
public class OciRepositoryMapper {

    private final JsonColumns columns;

    public OciRepositoryMapper(ObjectMapper json) {
        this.columns = new JsonColumns(json);
    }

    public OciRepository toDto(OciRepositoryEntity spec, OciRepositoryStatusEntity status) {
        return new OciRepository(
                spec.tenant,
                spec.name,
                spec.url,
                interval(spec),
                ref(spec),
                layer(spec),
                new RegistryAuthView(spec.authType, spec.authUsername, spec.authSecret != null),
                spec.insecure,
                spec.caCertificate,
                spec.timeout,
                spec.suspend,
                spec.description,
                labels(spec),
                spec.version,
                spec.createdAt,
                spec.updatedAt,
                toDto(status, spec.suspend));
    }

    /** Status as shown: a suspended spec shows {@code Suspended} whatever the last sync found. */
    public OciRepositoryStatus toDto(OciRepositoryStatusEntity status, boolean suspended) {
        return new OciRepositoryStatus(
                suspended ? RepositoryPhase.Suspended.name() : status.phase,
                conditions(status),
                status.artifact == null ? null : columns.read(status.artifact, Artifact.class),
                status.lastSyncAt,
                status.lastSuccessAt,
                status.nextSyncAt,
                status.consecutiveFailures,
                status.observedVersion);
    }

    /**
     * The stored spec as a request a client could send back (no secrets): the base a merge patch is applied to.
     */
    public OciRepositoryRequest toRequest(OciRepositoryEntity spec) {
        return new OciRepositoryRequest(
                spec.name,
                spec.url,
                interval(spec),
                ref(spec),
                layer(spec),
                new RegistryAuth(spec.authType, spec.authUsername, null, null, null),
                spec.insecure,
                spec.caCertificate,
                spec.timeout,
                spec.suspend,
                spec.description,
                labels(spec),
                null);
    }

    /** Copies the spec onto the entity; the secret is set by the caller, which owns encryption. */
    public void apply(RepositorySpec spec, OciRepositoryEntity entity) {
        entity.name = spec.name();
        entity.url = spec.url();
        entity.registry = OciUrl.parse(spec.url()).registry();
        entity.intervalSeconds = spec.intervalSeconds();
        entity.refTag = spec.refTag();
        entity.refSemver = spec.refSemver();
        entity.refSemverFilter = spec.refSemverFilter();
        entity.refDigest = spec.refDigest();
        entity.layerMediaType = spec.layerMediaType();
        entity.layerOperation = spec.layerOperation();
        entity.authType = spec.authType();
        entity.authUsername = spec.authUsername();
        entity.insecure = spec.insecure();
        entity.caCertificate = spec.caCertificate();
        entity.timeout = spec.timeout();
        entity.suspend = spec.suspend();
        entity.description = spec.description();
        entity.labels = write(spec.labels());
    }

    public List<Condition> conditions(OciRepositoryStatusEntity status) {
        return columns.conditions(status.conditions);
    }

    public String write(Object value) {
        return columns.write(value);
    }

    private static String interval(OciRepositoryEntity spec) {
        return new Interval(Duration.ofSeconds(spec.intervalSeconds)).toString();
    }

    /** The stored reference as the wire shows it. */
    public static OciRepositoryRef ref(OciRepositoryEntity spec) {
        return new OciRepositoryRef(spec.refTag, spec.refSemver, spec.refSemverFilter, spec.refDigest);
    }

    /** The stored layer selector as the wire shows it. */
    public static LayerSelector layer(OciRepositoryEntity spec) {
        return new LayerSelector(spec.layerMediaType, spec.layerOperation);
    }

    private Map<String, String> labels(OciRepositoryEntity spec) {
        return columns.labels(spec.labels);
    }
}
