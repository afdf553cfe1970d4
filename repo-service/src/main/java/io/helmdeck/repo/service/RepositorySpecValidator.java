package io.helmdeck.repo.service;

import io.helmdeck.model.ProblemException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.LayerSelector;
import io.helmdeck.model.OciRepositoryRef;
import io.helmdeck.model.OciRepositoryRequest;
import io.helmdeck.model.RegistryAuth;
import io.helmdeck.model.Violation;
import io.helmdeck.model.value.DnsLabel;
import io.helmdeck.model.value.OciReference;
import io.helmdeck.model.value.OciUrl;
import io.helmdeck.support.service.SpecChecks;

/**
 * Turns a client's request into a {@link RepositorySpec}: every rule of the product spec, every default, and one
 * violation per bad field. Messages describe what is expected and never repeat secret input.
 */
@ApplicationScoped
public class RepositorySpecValidator {

    static final String DEFAULT_TIMEOUT = "60s";
    static final String DEFAULT_TAG = "latest";
    static final int MAX_CA_BYTES = 64 * 1024;
    static final int MAX_SECRET_BYTES = 64 * 1024;

    private static final Pattern MEDIA_TYPE = Pattern.compile(
            "^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$");
    private static final Set<String> AUTH_TYPES = Set.of(RegistryAuth.NONE, RegistryAuth.BASIC, RegistryAuth.BEARER,
            RegistryAuth.DOCKER_CONFIG_JSON);

    private final ObjectMapper json;

    public RepositorySpecValidator(ObjectMapper json) {
        this.json = json;
    }

    /** What is stored of the credentials today, so an update may leave the secret out and keep it. */
    public record StoredAuth(String type, boolean secretSet) {
    }

    /**
     * Validates {@code request}. {@code pathName} is the name in the URL for updates (null on create), and
     * {@code stored} the current credentials (null on create).
     */
    public RepositorySpec validate(OciRepositoryRequest request, String pathName, StoredAuth stored) {
        List<Violation> violations = new ArrayList<>();

        String name = request.name();
        if (pathName != null) {
            if (name != null && !name.equals(pathName)) {
                violations.add(new Violation("name", "is immutable: it must equal the name in the path"));
            }
            name = pathName;
        } else if (name == null || name.isEmpty()) {
            violations.add(new Violation("name", "is required"));
        } else {
            DnsLabel.check(name, DnsLabel.MAX_REPOSITORY_NAME).ifPresent(m -> violations.add(new Violation("name", m)));
        }

        String url = null;
        if (request.url() == null || request.url().isEmpty()) {
            violations.add(new Violation("url", "is required"));
        } else {
            url = SpecChecks.parse(violations, "url", request.url(), s -> OciUrl.parse(s).toString());
        }

        Integer intervalSeconds = SpecChecks.intervalSeconds(request.interval(), violations);

        String timeout = SpecChecks.timeout(request.timeout(), DEFAULT_TIMEOUT, violations);

        OciRepositoryRef ref = request.ref() == null ? new OciRepositoryRef(null, null, null, null) : request.ref();
        OciReference.validate(ref.tag(), ref.semver(), ref.semverFilter(), ref.digest())
                .forEach(e -> violations.add(new Violation(e.field(), e.message())));
        String tag = ref.tag() == null && ref.semver() == null && ref.digest() == null ? DEFAULT_TAG : ref.tag();

        LayerSelector layer = request.layerSelector() == null ? new LayerSelector(null, null) : request.layerSelector();
        String mediaType = layer.mediaType() == null ? LayerSelector.DEFAULT_MEDIA_TYPE : layer.mediaType();
        if (!MEDIA_TYPE.matcher(mediaType).matches()) {
            violations.add(new Violation("layerSelector.mediaType", "must be a media type such as "
                    + LayerSelector.DEFAULT_MEDIA_TYPE));
        }
        String operation = layer.operation() == null ? LayerSelector.EXTRACT : layer.operation();
        if (!operation.equals(LayerSelector.EXTRACT) && !operation.equals(LayerSelector.COPY)) {
            violations.add(new Violation("layerSelector.operation", "must be extract or copy"));
        }

        RegistryAuth auth = request.auth() == null ? new RegistryAuth(RegistryAuth.NONE, null, null, null, null)
                : request.auth();
        String[] authOut = validateAuth(auth, stored, violations);

        String ca = request.caCertificate();
        if (ca != null) {
            ca = ca.isBlank() ? null : ca;
            if (ca != null && !isPemCertificateBundle(ca)) {
                violations.add(new Violation("caCertificate", "must be a PEM bundle of X.509 certificates (at most 64 KiB)"));
            }
        }

        String description = request.description();
        Map<String, String> labels = SpecChecks.describe(description, request.labels(), violations);

        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new RepositorySpec(name, url, intervalSeconds, tag, ref.semver(), ref.semverFilter(), ref.digest(),
                mediaType, operation, authOut[0], authOut[1], authOut[2],
                Boolean.TRUE.equals(request.insecure()), ca, timeout, Boolean.TRUE.equals(request.suspend()),
                description, new LinkedHashMap<>(labels));
    }

    /** Returns {type, username, secret-or-null-to-keep}. */
    private String[] validateAuth(RegistryAuth auth, StoredAuth stored, List<Violation> violations) {
        String type = auth.type() == null ? RegistryAuth.NONE : auth.type();
        if (!AUTH_TYPES.contains(type)) {
            violations.add(new Violation("auth.type", "must be one of none, basic, bearer, dockerconfigjson"));
            return new String[] {type, null, null};
        }
        boolean canKeep = stored != null && stored.secretSet() && type.equals(stored.type());
        return switch (type) {
            case RegistryAuth.BASIC -> {
                if (auth.username() == null || auth.username().isBlank()) {
                    violations.add(new Violation("auth.username", "is required for basic auth"));
                } else if (auth.username().length() > 255 || auth.username().contains(":")) {
                    violations.add(new Violation("auth.username", "must be at most 255 characters and contain no colon"));
                }
                rejectGiven(violations, "auth.token", auth.token(), type);
                rejectGiven(violations, "auth.dockerconfigjson", auth.dockerconfigjson(), type);
                yield new String[] {type, auth.username(), requireSecret(violations, "auth.password", auth.password(), canKeep)};
            }
            case RegistryAuth.BEARER -> {
                rejectGiven(violations, "auth.username", auth.username(), type);
                rejectGiven(violations, "auth.password", auth.password(), type);
                rejectGiven(violations, "auth.dockerconfigjson", auth.dockerconfigjson(), type);
                yield new String[] {type, null, requireSecret(violations, "auth.token", auth.token(), canKeep)};
            }
            case RegistryAuth.DOCKER_CONFIG_JSON -> {
                rejectGiven(violations, "auth.username", auth.username(), type);
                rejectGiven(violations, "auth.password", auth.password(), type);
                rejectGiven(violations, "auth.token", auth.token(), type);
                String config = requireSecret(violations, "auth.dockerconfigjson", auth.dockerconfigjson(), canKeep);
                if (config != null && !isDockerConfigJson(config)) {
                    violations.add(new Violation("auth.dockerconfigjson",
                            "must be a JSON object with an \"auths\" object, as in a .dockerconfigjson file"));
                }
                yield new String[] {type, null, config};
            }
            default -> {
                rejectGiven(violations, "auth.username", auth.username(), type);
                rejectGiven(violations, "auth.password", auth.password(), type);
                rejectGiven(violations, "auth.token", auth.token(), type);
                rejectGiven(violations, "auth.dockerconfigjson", auth.dockerconfigjson(), type);
                yield new String[] {type, null, null};
            }
        };
    }

    private static String requireSecret(List<Violation> violations, String field, String value, boolean canKeep) {
        if (value == null || value.isEmpty()) {
            if (!canKeep) {
                violations.add(new Violation(field, "is required"));
            }
            return null;
        }
        if (value.length() > MAX_SECRET_BYTES) {
            violations.add(new Violation(field, "must be at most 64 KiB"));
        }
        return value;
    }

    private static void rejectGiven(List<Violation> violations, String field, String value, String type) {
        if (value != null) {
            violations.add(new Violation(field, "is not used with auth type " + type));
        }
    }

    private boolean isDockerConfigJson(String value) {
        try {
            JsonNode node = json.readTree(value);
            return node != null && node.isObject() && node.path("auths").isObject();
        } catch (Exception e) {
            return false;
        }
    }

    private static boolean isPemCertificateBundle(String pem) {
        if (pem.length() > MAX_CA_BYTES || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            return false;
        }
        try {
            var certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            return !certificates.isEmpty();
        } catch (CertificateException | RuntimeException e) {
            return false;
        }
    }
}
