package io.helmdeck.local;

import java.util.Optional;

/** The summary printed once every service is ready: where to point a browser or a client. */
public final class PlatformBanner {

    private PlatformBanner() {
    }

    /** The summary, ending with a ready-to-use admin token and how to use it and to mint others. */
    public static String render(PlatformSettings settings, Optional<DatabaseServer> embeddedDatabase,
                                String adminToken) {
        StringBuilder text = new StringBuilder()
                .append('\n')
                .append("Helmdeck is running. Press Ctrl-C to stop.\n")
                .append('\n');
        for (PlatformService service : PlatformService.values()) {
            String base = service.baseUri().toString();
            String name = service.moduleName();
            if (service == PlatformService.PORTAL) {
                row(text, name, "Web UI", base + "/");
                name = "";
            }
            if (service.apiBase() != null) {
                row(text, name, "API", service.apiBase());
                name = "";
                row(text, name, "Swagger UI", base + "/q/swagger-ui");
                row(text, name, "OpenAPI", base + "/q/openapi");
            }
            row(text, name, "Health", base + "/q/health");
            name = "";
            row(text, name, "Metrics", base + "/q/metrics");
        }
        text.append('\n');
        if (embeddedDatabase.isPresent()) {
            DatabaseServer db = embeddedDatabase.get();
            row(text, "PostgreSQL", "JDBC", db.jdbcUrl(PlatformService.REPO_SERVICE.databaseName())
                    + " (user " + db.username() + "), also " + PlatformService.RELEASE_SERVICE.databaseName());
            row(text, "", "Data", settings.postgresDataDirectory().toString());
        } else {
            row(text, "PostgreSQL", "", "as configured by " + PlatformSettings.REACTIVE_URL_ENV + " (repo-service); "
                    + "release-service uses " + PlatformService.RELEASE_SERVICE.databaseName() + " on the same server unless "
                    + SeparateDatabaseUrls.RELEASE_REACTIVE_URL_ENV + " says otherwise");
        }
        row(text, "Logs", "", settings.logDirectory().toString());
        text.append('\n')
                .append("Every /api call needs a bearer token. An admin token (all tenants, valid 24 h):\n")
                .append('\n')
                .append("  export HELMDECK_TOKEN=").append(adminToken).append('\n')
                .append("  curl -H \"Authorization: Bearer $HELMDECK_TOKEN\" ")
                .append(PlatformService.REPO_SERVICE.apiBase().replace("{tenant}", "demo")).append('\n')
                .append('\n')
                .append("Or open the portal, ").append(PlatformService.PORTAL.baseUri()).append("/ , and paste the token there.\n")
                .append('\n')
                .append("Another token: ./run-local.sh token [--tenant NAME]... [--viewer] [--hours N]\n")
                .append("(signing key ").append(settings.jwtPrivateKeyFile())
                .append(", service tokens in ").append(settings.serviceTokenDirectory()).append(")\n");
        return text.toString();
    }

    /** Printed under the summary with {@code --sandbox-cluster}: plainly says that nothing really runs. */
    public static String sandboxSection(String url, java.nio.file.Path kubeconfig) {
        StringBuilder text = new StringBuilder().append('\n');
        row(text, "Sandbox cluster", "API", url + " (kubeconfig " + kubeconfig + ")");
        text.append('\n')
                .append("The sandbox cluster is SIMULATED: it stores what release-service applies and reports it ready\n")
                .append("after a short delay, but runs nothing (no containers, no images pulled, no network). Images\n")
                .append("tagged :broken never become ready. Inspect it with: kubectl --kubeconfig ").append(kubeconfig)
                .append(" get all -A\n")
                .append("Everything in it is gone when Helmdeck stops.\n");
        return text.toString();
    }

    private static void row(StringBuilder text, String group, String label, String value) {
        text.append(String.format("  %-17s %-11s %s%n", group, label, value));
    }
}
