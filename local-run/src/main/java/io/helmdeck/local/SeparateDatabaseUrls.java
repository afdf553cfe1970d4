package io.helmdeck.local;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * When the caller configured the database ({@code QUARKUS_DATASOURCE_*}), that configuration names repo-service's
 * database, and every child inherits it. release-service must not share it (its Flyway history and tables would
 * mix with repo-service's), so it gets the same server with the database {@code helmdeck_release}, or the URLs in
 * {@code HELMDECK_RELEASE_DATASOURCE_REACTIVE_URL} / {@code _JDBC_URL} when those are set.
 */
public final class SeparateDatabaseUrls {

    static final String RELEASE_REACTIVE_URL_ENV = "HELMDECK_RELEASE_DATASOURCE_REACTIVE_URL";
    static final String RELEASE_JDBC_URL_ENV = "HELMDECK_RELEASE_DATASOURCE_JDBC_URL";
    static final String JDBC_URL_ENV = "QUARKUS_DATASOURCE_JDBC_URL";

    private SeparateDatabaseUrls() {
    }

    /** The datasource URL variables to give {@code service}, on top of what it inherits from {@code inherited}. */
    public static Map<String, String> forService(PlatformService service, Map<String, String> inherited)
            throws StartupException {
        Map<String, String> env = new LinkedHashMap<>();
        if (service != PlatformService.RELEASE_SERVICE) {
            return env;
        }
        String reactive = inherited.get(PlatformSettings.REACTIVE_URL_ENV);
        String jdbc = inherited.get(JDBC_URL_ENV);
        String releaseReactive = firstSet(inherited.get(RELEASE_REACTIVE_URL_ENV),
                withDatabase(PlatformSettings.REACTIVE_URL_ENV, reactive, service.databaseName()));
        String releaseJdbc = firstSet(inherited.get(RELEASE_JDBC_URL_ENV),
                withDatabase(JDBC_URL_ENV, jdbc, service.databaseName()));
        if (releaseReactive != null && releaseReactive.equals(reactive)
                || releaseJdbc != null && releaseJdbc.equals(jdbc)) {
            throw new StartupException("release-service would use the same database as repo-service (" + reactive
                    + "); point " + PlatformSettings.REACTIVE_URL_ENV + " and " + JDBC_URL_ENV + " at repo-service's "
                    + "database (e.g. helmdeck_repo), or set " + RELEASE_REACTIVE_URL_ENV + " and "
                    + RELEASE_JDBC_URL_ENV + " to another one");
        }
        if (releaseReactive != null) {
            env.put(PlatformSettings.REACTIVE_URL_ENV, releaseReactive);
        }
        if (releaseJdbc != null) {
            env.put(JDBC_URL_ENV, releaseJdbc);
        }
        return env;
    }

    /**
     * {@code url} with its database replaced by {@code database}, keeping scheme, credentials, hosts and parameters;
     * {@code null} when {@code url} is not set.
     */
    static String withDatabase(String variable, String url, String database) throws StartupException {
        if (url == null || url.isBlank()) {
            return null;
        }
        String trimmed = url.trim();
        int authority = trimmed.indexOf("://");
        if (authority < 0) {
            throw new StartupException("cannot tell which database " + variable + " names (" + trimmed + " has no "
                    + "//host part); set " + RELEASE_REACTIVE_URL_ENV + " and " + RELEASE_JDBC_URL_ENV
                    + " for release-service");
        }
        int hostStart = authority + 3;
        int pathStart = indexOfAny(trimmed, hostStart, '/', '?');
        int queryStart = trimmed.indexOf('?', hostStart);
        String query = queryStart < 0 ? "" : trimmed.substring(queryStart);
        String hosts = pathStart < 0 ? trimmed.substring(hostStart) : trimmed.substring(hostStart, pathStart);
        return trimmed.substring(0, hostStart) + hosts + "/" + database + query;
    }

    private static int indexOfAny(String text, int from, char a, char b) {
        for (int i = from; i < text.length(); i++) {
            if (text.charAt(i) == a || text.charAt(i) == b) {
                return i;
            }
        }
        return -1;
    }

    private static String firstSet(String explicit, String derived) {
        return explicit == null || explicit.isBlank() ? derived : explicit.trim();
    }
}
