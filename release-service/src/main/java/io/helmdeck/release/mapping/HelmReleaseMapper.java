package io.helmdeck.release.mapping;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.Condition;
import io.helmdeck.model.DriftDetection;
import io.helmdeck.model.DriftedObject;
import io.helmdeck.model.HelmRelease;
import io.helmdeck.model.HelmReleaseRequest;
import io.helmdeck.model.HelmReleaseStatus;
import io.helmdeck.model.InstallSpec;
import io.helmdeck.model.InventoryEntry;
import io.helmdeck.model.ReleasePhase;
import io.helmdeck.model.ReleaseRevision;
import io.helmdeck.model.Remediation;
import io.helmdeck.model.RollbackSpec;
import io.helmdeck.model.UpgradeSpec;
import io.helmdeck.model.value.Interval;
import io.helmdeck.release.persistence.DriftStore;
import io.helmdeck.release.persistence.WaitOptions;
import io.helmdeck.release.persistence.HelmReleaseEntity;
import io.helmdeck.release.persistence.HelmReleaseStatusEntity;
import io.helmdeck.release.persistence.RevisionSummary;
import io.helmdeck.release.service.ReleaseSpec;
import io.helmdeck.support.mapping.JsonColumns;

/** Converts between stored rows and wire records. The only place that knows both shapes. */
@ApplicationScoped
public class HelmReleaseMapper {

    private static final TypeReference<List<InventoryEntry>> INVENTORY = new TypeReference<>() {
    };
    private static final TypeReference<DriftStore.DriftReport> DRIFT = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, Object>> VALUES = new TypeReference<>() {
    };

    private final JsonColumns columns;

    public HelmReleaseMapper(ObjectMapper json) {
        this.columns = new JsonColumns(json);
    }

    public HelmRelease toDto(HelmReleaseEntity spec, HelmReleaseStatusEntity status) {
        return new HelmRelease(
                spec.tenant,
                spec.name,
                spec.sourceType,
                spec.sourceName,
                spec.releaseName,
                spec.targetNamespace,
                values(spec.valuesJson),
                interval(spec),
                spec.timeout,
                install(spec),
                upgrade(spec),
                new RollbackSpec(spec.rollbackDisableWait),
                driftDetection(spec),
                spec.maxHistory,
                spec.suspend,
                spec.description,
                labels(spec),
                spec.version,
                spec.createdAt,
                spec.updatedAt,
                toDto(status, phase(spec, status)));
    }

    /**
     * The phase as shown: a requested uninstall wins, then suspension, then what the last reconcile wrote (a
     * reconcile that was running when the request came could still write its own phase).
     */
    public static ReleasePhase phase(HelmReleaseEntity spec, HelmReleaseStatusEntity status) {
        if (spec.deletionRequestedAt != null) {
            return ReleasePhase.Uninstalling;
        }
        if (spec.suspend) {
            return ReleasePhase.Suspended;
        }
        return ReleasePhase.valueOf(status.phase);
    }

    public HelmReleaseStatus toDto(HelmReleaseStatusEntity status, ReleasePhase phase) {
        return new HelmReleaseStatus(
                phase.name(),
                conditions(status),
                status.lastAppliedRevision,
                status.lastAttemptedRevision,
                status.currentRevision,
                inventory(status.inventory),
                status.failures,
                drift(status),
                status.lastReconcileAt,
                status.nextReconcileAt,
                status.observedVersion);
    }

    public ReleaseRevision toDto(RevisionSummary r) {
        return new ReleaseRevision(r.revision(), r.chartName(), r.chartVersion(), r.appVersion(), r.sourceRevision(),
                r.sourceDigest(), r.valuesDigest(), r.status(), r.action(), r.description(), r.startedAt(),
                r.finishedAt());
    }

    /** The stored spec as a request a client could send back: the base a merge patch is applied to. */
    public HelmReleaseRequest toRequest(HelmReleaseEntity spec) {
        return new HelmReleaseRequest(
                spec.name,
                spec.sourceType,
                spec.sourceName,
                spec.releaseName,
                spec.targetNamespace,
                values(spec.valuesJson),
                interval(spec),
                spec.timeout,
                install(spec),
                upgrade(spec),
                new RollbackSpec(spec.rollbackDisableWait),
                driftDetection(spec),
                spec.maxHistory,
                spec.suspend,
                spec.description,
                labels(spec),
                null);
    }

    /** The stored spec, validated when it was written. */
    public ReleaseSpec toSpec(HelmReleaseEntity spec) {
        return new ReleaseSpec(spec.name, spec.sourceType, spec.sourceName, spec.releaseName, spec.targetNamespace,
                spec.valuesJson, spec.intervalSeconds, spec.timeout, spec.createNamespace, spec.installRetries,
                spec.upgradeRetries, spec.upgradeStrategy, spec.maxHistory, spec.suspend, spec.description,
                labels(spec), waitOptions(spec), driftDetection(spec));
    }

    /** Copies the spec onto the entity. */
    public void apply(ReleaseSpec spec, HelmReleaseEntity entity) {
        entity.name = spec.name();
        entity.sourceType = spec.sourceType();
        entity.sourceName = spec.sourceName();
        entity.releaseName = spec.releaseName();
        entity.targetNamespace = spec.targetNamespace();
        entity.valuesJson = spec.valuesJson();
        entity.intervalSeconds = spec.intervalSeconds();
        entity.timeout = spec.timeout();
        entity.createNamespace = spec.createNamespace();
        entity.installRetries = spec.installRetries();
        entity.upgradeRetries = spec.upgradeRetries();
        entity.upgradeStrategy = spec.upgradeStrategy();
        entity.maxHistory = spec.maxHistory();
        entity.installDisableWait = spec.waitOptions().installDisableWait();
        entity.installDisableWaitForJobs = spec.waitOptions().installDisableWaitForJobs();
        entity.upgradeDisableWait = spec.waitOptions().upgradeDisableWait();
        entity.upgradeDisableWaitForJobs = spec.waitOptions().upgradeDisableWaitForJobs();
        entity.rollbackDisableWait = spec.waitOptions().rollbackDisableWait();
        entity.suspend = spec.suspend();
        entity.description = spec.description();
        entity.labels = write(spec.labels());
        entity.driftDetection = DriftDetection.defaults().equals(spec.driftDetection()) ? null
                : write(spec.driftDetection());
    }

    private static InstallSpec install(HelmReleaseEntity spec) {
        return new InstallSpec(spec.createNamespace, new Remediation(spec.installRetries, null),
                spec.installDisableWait, spec.installDisableWaitForJobs);
    }

    private static UpgradeSpec upgrade(HelmReleaseEntity spec) {
        return new UpgradeSpec(new Remediation(spec.upgradeRetries, spec.upgradeStrategy), spec.upgradeDisableWait,
                spec.upgradeDisableWaitForJobs);
    }

    private static WaitOptions waitOptions(HelmReleaseEntity spec) {
        return new WaitOptions(spec.installDisableWait, spec.installDisableWaitForJobs, spec.upgradeDisableWait,
                spec.upgradeDisableWaitForJobs, spec.rollbackDisableWait);
    }

    public List<Condition> conditions(HelmReleaseStatusEntity status) {
        return columns.conditions(status.conditions);
    }

    /** Inventory entries of a JSON array column; an absent column is an empty inventory. */
    public List<InventoryEntry> inventory(String column) {
        return column == null ? List.of() : columns.read(column, INVENTORY);
    }

    /** The stored driftDetection with its defaults; an absent column is the defaults. */
    public DriftDetection driftDetection(HelmReleaseEntity spec) {
        return spec.driftDetection == null ? DriftDetection.defaults()
                : columns.read(spec.driftDetection, DriftDetection.class);
    }

    /**
     * What the last drift check of the current revision found; null (no field) when it was never checked or a newer
     * revision was deployed since.
     */
    public List<DriftedObject> drift(HelmReleaseStatusEntity status) {
        if (status.drift == null) {
            return null;
        }
        DriftStore.DriftReport report = columns.read(status.drift, DRIFT);
        return status.currentRevision != null && report.revision() == status.currentRevision ? report.objects()
                : null;
    }

    /** Values of a JSON object column, in stored key order. */
    public Map<String, Object> values(String column) {
        return column == null ? new LinkedHashMap<>() : columns.read(column, VALUES);
    }

    public String write(Object value) {
        return columns.write(value);
    }

    private static String interval(HelmReleaseEntity spec) {
        return new Interval(Duration.ofSeconds(spec.intervalSeconds)).toString();
    }

    private Map<String, String> labels(HelmReleaseEntity spec) {
        return columns.labels(spec.labels);
    }
}
