package io.helmdeck.repo.service;

import io.helmdeck.model.ProblemException;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.helmdeck.repo.persistence.OciRepositoryStore;
import io.helmdeck.repo.persistence.StoredSecret;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Re-encrypts every stored registry credential that is not under the current key (ADR 0013), page by page, one
 * transaction per page, so a rotation of many records never holds one long transaction and can simply be run again.
 */
@ApplicationScoped
public class CredentialRotationService {

    private static final Logger LOG = Logger.getLogger(CredentialRotationService.class);
    static final int PAGE = 100;

    private final OciRepositoryStore repositories;
    private final SecretCipher cipher;

    public CredentialRotationService(OciRepositoryStore repositories, SecretCipher cipher) {
        this.repositories = repositories;
        this.cipher = cipher;
    }

    public Uni<CredentialRotation> rotate() {
        String keyId = cipher.activeKeyId();
        if (keyId == null) {
            throw ProblemException.conflict("no current encryption key is configured (helmdeck.crypto.key)");
        }
        return rotateAfter(keyId, 0L, new CredentialRotation(keyId, 0, 0)).invoke(result -> LOG.infof(
                "key rotation to %s: %d credentials re-encrypted, %d unreadable", keyId, result.reencrypted(),
                result.failed()));
    }

    private Uni<CredentialRotation> rotateAfter(String keyId, long afterId, CredentialRotation sofar) {
        return Panache.withTransaction(() -> repositories.secretsNotUnder(keyId, afterId, PAGE)
                .flatMap(page -> reencrypt(page, sofar).map(result -> new Page(page, result))))
                .flatMap(page -> page.rows().size() < PAGE ? Uni.createFrom().item(page.result())
                        : rotateAfter(keyId, page.rows().get(page.rows().size() - 1).repositoryId(), page.result()));
    }

    private Uni<CredentialRotation> reencrypt(List<StoredSecret> page, CredentialRotation sofar) {
        return Multi.createFrom().iterable(page)
                .onItem().transformToUniAndConcatenate(this::reencrypt)
                .collect().asList()
                .map(outcomes -> {
                    int done = (int) outcomes.stream().filter(Boolean::booleanValue).count();
                    return new CredentialRotation(sofar.keyId(), sofar.reencrypted() + done,
                            sofar.failed() + outcomes.size() - done);
                });
    }

    private Uni<Boolean> reencrypt(StoredSecret stored) {
        String replacement;
        try {
            replacement = cipher.reencrypt(stored.secret(), stored.tenant() + "/" + stored.name());
        } catch (IllegalStateException e) {
            // The message says only which key was missing or that the value is damaged; never the value.
            LOG.warnf("credential of %s/%s (id %d) not re-encrypted: %s", stored.tenant(), stored.name(),
                    stored.repositoryId(), e.getMessage());
            return Uni.createFrom().item(false);
        }
        return repositories.replaceSecret(stored.repositoryId(), stored.secret(), replacement);
    }

    private record Page(List<StoredSecret> rows, CredentialRotation result) {
    }
}
