package io.helmdeck.release.security;

/** A service that may call the internal API; which calls it may make is declared with {@link AllowedServices}. */
public enum ServiceCaller {

    REPO_SERVICE("repo-service");

    private final String displayName;

    ServiceCaller(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
