package io.helmdeck.local;

import java.net.URI;
import java.nio.file.Path;

/** The Helmdeck services in the order the launcher starts them; the portal last, it only forwards to the others. */
public enum PlatformService {

    // repo-service first: the other two call it.
    REPO_SERVICE("repo-service", 8081, "helmdeck_repo", "/api/v1/tenants/{tenant}/oci-repositories"),
    RELEASE_SERVICE("release-service", 8082, "helmdeck_release", "/api/v1/tenants/{tenant}/helm-releases"),
    SYNC_WORKER("sync-worker", 8083, null, null),
    PORTAL("portal", 8080, null, null);

    private final String moduleName;
    private final int port;
    private final String databaseName;
    private final String apiPath;

    PlatformService(String moduleName, int port, String databaseName, String apiPath) {
        this.moduleName = moduleName;
        this.port = port;
        this.databaseName = databaseName;
        this.apiPath = apiPath;
    }

    public String moduleName() {
        return moduleName;
    }

    public int port() {
        return port;
    }

    /** Name of the service's own database, or {@code null} when it keeps no data. */
    public String databaseName() {
        return databaseName;
    }

    /** Quarkus fast-jar launcher produced by {@code ./mvnw install} in the service's module. */
    public Path runnerJar(Path projectRoot) {
        return projectRoot.resolve(moduleName).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
    }

    public URI baseUri() {
        return URI.create("http://localhost:" + port);
    }

    /** Public API base, or {@code null} for a service without a user-facing API. */
    public String apiBase() {
        return apiPath == null ? null : baseUri() + apiPath;
    }

    /** Whether it makes or takes internal calls, and so has a service token (the portal forwards user tokens only). */
    public boolean hasServiceToken() {
        return this != PORTAL;
    }

    public URI readinessUri() {
        return baseUri().resolve("/q/health/ready");
    }
}
