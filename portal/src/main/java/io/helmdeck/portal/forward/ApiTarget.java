package io.helmdeck.portal.forward;

import java.util.Optional;
import java.util.regex.Pattern;

import io.helmdeck.portal.config.PortalConfig;

/** Which service owns a public API path: the same split an ingress in front of the services would make. */
public final class ApiTarget {

    private static final Pattern REPO = Pattern.compile("^/api/v1/(tenants/[^/]+/oci-repositories([/:].*)?|artifacts/.*)$");
    private static final Pattern RELEASE = Pattern.compile("^/api/v1/tenants/[^/]+/(helm-releases([/:].*)?|cluster-policy)$");

    private ApiTarget() {
    }

    /** The base URL of the service that serves {@code path}, or empty for a path no service answers. */
    public static Optional<String> baseUrl(String rawPath, PortalConfig config) {
        // Some clients percent-encode the ':' of custom methods (`…/oci-repositories%3Atest`); the services accept it.
        String path = rawPath.replace("%3A", ":").replace("%3a", ":");
        if (path.contains("/../") || path.endsWith("/..") || path.contains("%2e") || path.contains("%2E")) {
            return Optional.empty();
        }
        if (REPO.matcher(path).matches()) {
            return Optional.of(trim(config.repoServiceUrl()));
        }
        if (RELEASE.matcher(path).matches()) {
            return Optional.of(trim(config.releaseServiceUrl()));
        }
        return Optional.empty();
    }

    private static String trim(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
