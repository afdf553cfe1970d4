package io.helmdeck.release.flux;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.ValidationMessage;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.helmdeck.model.DriftDetection;
import io.helmdeck.model.DriftIgnoreRule;
import io.helmdeck.model.DriftTarget;
import io.helmdeck.release.persistence.WaitOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The objects Flux mode writes are valid under the openAPIV3Schema of Flux's published CRDs. */
class FluxSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema ociRepositorySchema;
    private static JsonSchema helmReleaseSchema;

    @BeforeAll
    static void loadSchemas() {
        ociRepositorySchema = FluxCrds.servedSchema(FluxCrds.OCI_REPOSITORY);
        helmReleaseSchema = FluxCrds.servedSchema(FluxCrds.HELM_RELEASE);
    }

    @Test
    void bothObjectsValidateWithEveryOptionSet() {
        FluxObjects objects = new FluxObjects(FluxSpecs.config("flux-system", "regcred"));
        FluxReleaseSpec spec = new FluxReleaseSpec("team-a", "podinfo", "web", "apps", FluxSpecs.values(),
                Duration.ofSeconds(90), Duration.ofMillis(1500), true, 2, 3, "rollback", 7, true,
                new FluxSource("oci://registry.local:5000/charts/podinfo", FluxSpecs.DIGEST, true,
                        "application/vnd.cncf.helm.chart.content.v1.tar+gzip"),
                new WaitOptions(true, true, false, true, true),
                new DriftDetection(DriftDetection.WARN, List.of(new DriftIgnoreRule(List.of("/spec/replicas"),
                        new DriftTarget("apps", "v1", "Deployment", "web-.*", null)))),
                new FluxReleaseSpec.ServiceAccount("team-a", "helmdeck-tenant"));

        assertThat(FluxCrds.validate(ociRepositorySchema, objects.ociRepository(spec))).isEmpty();
        assertThat(FluxCrds.validate(helmReleaseSchema, objects.helmRelease(spec))).isEmpty();
    }

    @Test
    void waitOptOutsDriftDetectionAndIdentityAreFluxsOwnFieldsBesideTheServiceAccount() {
        FluxObjects objects = new FluxObjects(FluxSpecs.config("flux-system", null));
        FluxReleaseSpec spec = new FluxReleaseSpec("team-a", "podinfo", "web", "team-a", null, Duration.ofMinutes(5),
                Duration.ofMinutes(5), false, 0, 0, null, 10, false, new FluxSource(FluxSpecs.URL, FluxSpecs.DIGEST,
                        false, null), new WaitOptions(true, false, false, true, true),
                new DriftDetection(DriftDetection.WARN, List.of(new DriftIgnoreRule(List.of("/spec/replicas"),
                        new DriftTarget("apps", null, "Deployment", null, null)))),
                new FluxReleaseSpec.ServiceAccount("team-a", "helmdeck-tenant"));

        GenericKubernetesResource release = objects.helmRelease(spec);
        Map<String, Object> hr = spec(release);

        assertThat(hr).containsEntry("serviceAccountName", "helmdeck-tenant");
        assertThat(release.getMetadata().getNamespace()).as("Flux looks the account up in the HelmRelease's namespace")
                .isEqualTo("team-a");
        assertThat(objects.ociRepository(spec).getMetadata().getNamespace()).isEqualTo("team-a");
        assertThat(hr.get("chartRef")).isEqualTo(Map.of("kind", "OCIRepository", "name",
                FluxNames.objectName("team-a", "podinfo"), "namespace", "team-a"));
        assertThat(hr.get("install")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("disableWait", true).containsEntry("disableWaitForJobs", false);
        assertThat(hr.get("upgrade")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("disableWait", false).containsEntry("disableWaitForJobs", true);
        assertThat(hr.get("rollback")).isEqualTo(Map.of("disableWait", true));
        assertThat(hr.get("driftDetection")).isEqualTo(Map.of("mode", "warn", "ignore", List.of(Map.of(
                "paths", List.of("/spec/replicas"), "target", Map.of("group", "apps", "kind", "Deployment")))));
        assertThat(FluxCrds.validate(helmReleaseSchema, release)).isEmpty();
    }

    @Test
    void withoutAServiceAccountTheObjectsStayInTheFluxNamespaceWithFluxsDefaults() {
        FluxObjects objects = new FluxObjects(FluxSpecs.config("flux-system", null));

        GenericKubernetesResource release = objects.helmRelease(FluxSpecs.spec());
        Map<String, Object> hr = spec(release);

        assertThat(release.getMetadata().getNamespace()).isEqualTo("flux-system");
        assertThat(hr).doesNotContainKey("serviceAccountName");
        assertThat(hr.get("rollback")).isEqualTo(Map.of("disableWait", false));
        assertThat(hr.get("driftDetection")).isEqualTo(Map.of("mode", "enabled", "ignore", List.of()));
    }

    @Test
    void bothObjectsValidateWithDefaultsAndNoPullSecret() {
        FluxObjects objects = new FluxObjects(FluxSpecs.config("flux-system", null));
        FluxReleaseSpec spec = new FluxReleaseSpec("t", "r", null, "t", null, Duration.ofMinutes(5),
                Duration.ofMinutes(5), false, 0, 0, null, 10, false, new FluxSource(FluxSpecs.URL, FluxSpecs.DIGEST,
                        false, null), null, null, null);

        assertThat(FluxCrds.validate(ociRepositorySchema, objects.ociRepository(spec))).isEmpty();
        assertThat(FluxCrds.validate(helmReleaseSchema, objects.helmRelease(spec))).isEmpty();
    }

    @Test
    void helmReleaseUsesChartRefAndNotTheChartTemplate() {
        // The CRD's CEL rule (dropped by the validator) demands exactly one of chart and chartRef.
        Map<String, Object> spec = spec(new FluxObjects(FluxSpecs.config("flux-system", null)).helmRelease(FluxSpecs.spec()));
        assertThat(spec).containsKey("chartRef").doesNotContainKey("chart");
    }

    @Test
    void validatorRejectsABadIntervalPattern() {
        Map<String, Object> broken = asMap(new FluxObjects(FluxSpecs.config("flux-system", null))
                .ociRepository(FluxSpecs.spec()));
        spec(broken).put("interval", "05:00"); // Helmdeck's MM:SS form is not a Go duration

        assertThat(messages(FluxCrds.validate(ociRepositorySchema, broken)))
                .singleElement().asString().contains("$.spec.interval").contains("pattern");
    }

    @Test
    void validatorRejectsAMissingRequiredField() {
        Map<String, Object> broken = asMap(new FluxObjects(FluxSpecs.config("flux-system", null))
                .ociRepository(FluxSpecs.spec()));
        spec(broken).remove("url");

        assertThat(messages(FluxCrds.validate(ociRepositorySchema, broken)))
                .singleElement().asString().contains("url").contains("required");
    }

    @Test
    void validatorRejectsAMisspeltFieldTheApiServerWouldSilentlyDrop() {
        Map<String, Object> broken = asMap(new FluxObjects(FluxSpecs.config("flux-system", null))
                .helmRelease(FluxSpecs.spec()));
        @SuppressWarnings("unchecked")
        Map<String, Object> upgrade = (Map<String, Object>) spec(broken).get("upgrade");
        upgrade.put("remediaton", Map.of("retries", 1));

        assertThat(messages(FluxCrds.validate(helmReleaseSchema, broken)))
                .singleElement().asString().contains("remediaton");
    }

    @Test
    void validatorRejectsAStrategyOutsideTheEnum() {
        Map<String, Object> broken = asMap(new FluxObjects(FluxSpecs.config("flux-system", null))
                .helmRelease(FluxSpecs.spec()));
        @SuppressWarnings("unchecked")
        Map<String, Object> remediation = (Map<String, Object>) ((Map<String, Object>) spec(broken).get("upgrade"))
                .get("remediation");
        remediation.put("strategy", "retry");

        assertThat(messages(FluxCrds.validate(helmReleaseSchema, broken)))
                .singleElement().asString().contains("$.spec.upgrade.remediation.strategy");
    }

    @Test
    void arbitraryValuesAreAcceptedBecauseTheCrdPreservesThem() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("anything", Map.of("deeply", Map.of("nested", 1.5)));
        GenericKubernetesResource hr = new FluxObjects(FluxSpecs.config("flux-system", null))
                .helmRelease(FluxSpecs.spec(FluxSpecs.DIGEST, values));

        assertThat(FluxCrds.validate(helmReleaseSchema, hr)).isEmpty();
    }

    private static Map<String, Object> asMap(GenericKubernetesResource resource) {
        return JSON.convertValue(resource, new TypeReference<>() {
        });
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(Object resource) {
        if (resource instanceof GenericKubernetesResource r) {
            return (Map<String, Object>) r.getAdditionalProperties().get("spec");
        }
        return (Map<String, Object>) ((Map<String, Object>) resource).get("spec");
    }

    private static Set<String> messages(Set<ValidationMessage> errors) {
        return errors.stream().map(ValidationMessage::getMessage).collect(java.util.stream.Collectors.toSet());
    }
}
