package io.helmdeck.repo.service;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.LayerSelector;
import io.helmdeck.model.OciRepositoryRef;
import io.helmdeck.model.sync.SyncCredentials;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.repo.mapping.OciRepositoryMapper;
import io.helmdeck.repo.persistence.OciRepositoryEntity;
import io.helmdeck.repo.persistence.OciRepositoryStatusEntity;

/** Builds what a sync worker needs to talk to a registry, with the credentials decrypted for it. */
@ApplicationScoped
public class SyncTaskFactory {

    private final SecretCipher cipher;

    public SyncTaskFactory(SecretCipher cipher) {
        this.cipher = cipher;
    }

    /** A leased task for a stored repository. */
    public SyncTask forStored(OciRepositoryEntity spec, OciRepositoryStatusEntity status, Instant leaseUntil) {
        String secret = spec.authSecret == null ? null : cipher.decrypt(spec.authSecret, secretContext(spec));
        return new SyncTask(spec.id, spec.tenant, spec.name, spec.version, spec.url, spec.intervalSeconds,
                OciRepositoryMapper.ref(spec),
                OciRepositoryMapper.layer(spec),
                new SyncCredentials(spec.authType, spec.authUsername, secret),
                spec.insecure, spec.caCertificate, spec.timeout,
                status == null ? null : status.artifactRevision,
                status == null ? null : status.observedVersion,
                status == null ? 0 : status.consecutiveFailures, leaseUntil);
    }

    /** A probe of a configuration that is not stored: nothing to compare with, nothing leased. */
    public SyncTask forProbe(String tenant, RepositorySpec spec) {
        return new SyncTask(0, tenant, spec.name(), 0, spec.url(), spec.intervalSeconds(),
                new OciRepositoryRef(spec.refTag(), spec.refSemver(), spec.refSemverFilter(), spec.refDigest()),
                new LayerSelector(spec.layerMediaType(), spec.layerOperation()),
                new SyncCredentials(spec.authType(), spec.authUsername(), spec.authSecret()),
                spec.insecure(), spec.caCertificate(), spec.timeout(), null, null, 0, null);
    }

    static String secretContext(OciRepositoryEntity spec) {
        return spec.tenant + "/" + spec.name;
    }
}
