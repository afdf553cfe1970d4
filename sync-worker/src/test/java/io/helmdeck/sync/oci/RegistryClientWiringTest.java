package io.helmdeck.sync.oci;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.helmdeck.model.value.Digest;
import io.helmdeck.sync.chart.ChartExtractor;
import io.helmdeck.sync.testing.RawRegistry;
import io.helmdeck.sync.testing.RegistryProcess;
import io.helmdeck.sync.testing.TestDirs;
import io.quarkus.test.junit.QuarkusTest;

/** The client as the application wires it: CDI beans, config mapping defaults and the Prometheus counter. */
@QuarkusTest
class RegistryClientWiringTest {

    @Inject
    RegistryClient client;

    @Inject
    ChartExtractor extractor;

    @Test
    void resolveIsCountedInPrometheusMetrics() throws Exception {
        try (RegistryProcess registry = RegistryProcess.start(TestDirs.newDir("wiring"),
                new RegistryProcess.Auth.None())) {
            RawRegistry raw = new RawRegistry(registry.address());
            String config = raw.pushBlob("charts/wired", "{}".getBytes(StandardCharsets.UTF_8));
            String manifest = """
                    {"schemaVersion": 2, "mediaType": "%s", "config": {"mediaType": "%s", "digest": "%s", "size": 2},
                     "layers": []}""".formatted(MediaTypes.OCI_MANIFEST, MediaTypes.HELM_CONFIG, config);
            String pushed = raw.pushManifest("charts/wired", "1.0.0", MediaTypes.OCI_MANIFEST, manifest);

            Digest digest = client.resolve(new RegistryTarget(registry.address(), "charts/wired",
                    RegistryCredentials.ANONYMOUS, true, null, null), "1.0.0").await().atMost(Duration.ofSeconds(30));

            assertThat(digest).hasToString(pushed);
            given().when().get("/q/metrics").then().statusCode(200)
                    .body(containsString("helmdeck_registry_requests_total{method=\"HEAD\",registry=\""
                            + registry.address() + "\",status=\"200\"} 1.0"));
        }
        assertThat(extractor).isNotNull();
    }
}
