package io.helmdeck.sync.reconcile;

import java.time.Duration;

import io.helmdeck.model.LayerSelector;
import io.helmdeck.model.OciRepositoryRef;
import io.helmdeck.model.Reasons;
import io.helmdeck.model.RegistryAuth;
import io.helmdeck.model.sync.SyncCredentials;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.model.value.GoDuration;
import io.helmdeck.model.value.OciReference;
import io.helmdeck.model.value.OciUrl;
import io.helmdeck.sync.oci.RegistryCredentials;
import io.helmdeck.sync.oci.RegistryTarget;

/**
 * A leased task's spec, parsed once: where to pull from, what, which layer, what to do with it and how long it may
 * take. repo-service validated the spec when it was written, so a parse failure here means the two disagree.
 */
record SyncSpec(OciUrl url, RegistryTarget target, OciReference reference, String mediaType, boolean extract,
        Duration timeout) {

    static SyncSpec of(SyncTask task, Duration defaultTimeout) {
        OciUrl url = parse("url", () -> OciUrl.parse(task.url()));
        OciRepositoryRef ref = task.ref();
        OciReference reference = parse("ref", () -> ref == null ? OciReference.of(null, null, null, null)
                : OciReference.of(ref.tag(), ref.semver(), ref.semverFilter(), ref.digest()));
        Duration timeout = task.timeout() == null || task.timeout().isBlank() ? defaultTimeout
                : parse("timeout", () -> GoDuration.parse(task.timeout()).duration());
        if (timeout.isZero()) {
            throw new ReconcileException(Reasons.INVALID_SPEC, "timeout must be more than zero");
        }
        LayerSelector selector = task.layerSelector();
        String mediaType = selector == null || blank(selector.mediaType()) ? LayerSelector.DEFAULT_MEDIA_TYPE
                : selector.mediaType();
        String operation = selector == null || blank(selector.operation()) ? LayerSelector.EXTRACT
                : selector.operation();
        if (!LayerSelector.EXTRACT.equals(operation) && !LayerSelector.COPY.equals(operation)) {
            throw new ReconcileException(Reasons.INVALID_SPEC, "layerSelector.operation must be extract or copy, not '"
                    + operation + "'");
        }
        RegistryCredentials credentials = RegistryCredentials.from(auth(task.credentials()), url.registry());
        RegistryTarget target = RegistryTarget.of(url, credentials, task.insecure(), task.caCertificate(), timeout);
        return new SyncSpec(url, target, reference, mediaType, LayerSelector.EXTRACT.equals(operation), timeout);
    }

    /** The wire carries one secret field; the registry client wants it in the field its type names. */
    static RegistryAuth auth(SyncCredentials credentials) {
        if (credentials == null || blank(credentials.type())) {
            return null;
        }
        String secret = credentials.secret();
        return switch (credentials.type()) {
            case RegistryAuth.BASIC -> new RegistryAuth(RegistryAuth.BASIC, credentials.username(), secret, null, null);
            case RegistryAuth.BEARER -> new RegistryAuth(RegistryAuth.BEARER, null, null, secret, null);
            case RegistryAuth.DOCKER_CONFIG_JSON ->
                    new RegistryAuth(RegistryAuth.DOCKER_CONFIG_JSON, null, null, null, secret);
            default -> new RegistryAuth(credentials.type(), credentials.username(), null, null, null);
        };
    }

    private interface Parser<T> {
        T parse();
    }

    /** Validation messages of common-model never repeat the input, so they are safe to report as they are. */
    private static <T> T parse(String field, Parser<T> parser) {
        try {
            return parser.parse();
        } catch (IllegalArgumentException e) {
            throw new ReconcileException(Reasons.INVALID_SPEC, field + " " + e.getMessage());
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
