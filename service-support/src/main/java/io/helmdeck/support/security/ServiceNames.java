package io.helmdeck.support.security;

/** The names Helmdeck's services know each other by, for {@link AllowedServices} and token properties. */
public final class ServiceNames {

    public static final String REPO_SERVICE = "repo-service";
    public static final String SYNC_WORKER = "sync-worker";
    public static final String RELEASE_SERVICE = "release-service";

    private ServiceNames() {
    }
}
