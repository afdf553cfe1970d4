package io.helmdeck.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlatformBannerTest {

    private final PlatformSettings settings = new PlatformSettings(Path.of("/work/helmdeck"), 5433, false, false);

    @Test
    void listsApiBasesSwaggerHealthAndMetricsOfEveryService() {
        String banner = PlatformBanner.render(settings,
                Optional.of(new DatabaseServer("localhost", 5433, "postgres", "postgres")), "header.claims.signature");

        assertThat(banner)
                .contains("http://localhost:8081/api/v1/tenants/{tenant}/oci-repositories")
                .contains("http://localhost:8082/api/v1/tenants/{tenant}/helm-releases")
                .contains("http://localhost:8081/q/swagger-ui")
                .contains("http://localhost:8082/q/swagger-ui")
                .contains("http://localhost:8083/q/health")
                .contains("http://localhost:8083/q/metrics")
                .contains("Web UI      http://localhost:8080/")
                .contains("jdbc:postgresql://localhost:5433/helmdeck_repo")
                .contains("/work/helmdeck/.helmdeck/pgdata");
    }

    @Test
    void aConfiguredDatabaseIsNamedByItsVariableNotPrinted() {
        String banner = PlatformBanner.render(settings, Optional.empty(), "header.claims.signature");

        assertThat(banner).contains("QUARKUS_DATASOURCE_REACTIVE_URL").doesNotContain("jdbc:");
    }

    @Test
    void endsWithTheAdminTokenACurlThatUsesItAndHowToMintAnother() {
        String banner = PlatformBanner.render(settings, Optional.empty(), "header.claims.signature");

        assertThat(banner)
                .contains("export HELMDECK_TOKEN=header.claims.signature\n")
                .contains("curl -H \"Authorization: Bearer $HELMDECK_TOKEN\" "
                        + "http://localhost:8081/api/v1/tenants/demo/oci-repositories")
                .contains("./run-local.sh token [--tenant NAME]... [--viewer]");
    }
}
