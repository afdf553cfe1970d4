package io.helmdeck.release.drift;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.helmdeck.model.DriftIgnoreRule;
import io.helmdeck.model.DriftTarget;
import io.helmdeck.model.InventoryEntry;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

/** The field comparison on its own: only fields Helmdeck set count, server additions do not, ignore rules hold. */
class DriftComparisonTest {

    static final String DESIRED = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}, creationTimestamp: null}
                spec:
                  containers:
                  - name: web
                    image: nginx:1.27
                    ports: [{containerPort: 80}]
                    resources: {}
            """;

    /** What an API server returns for it: defaults, status, managed fields and another label added. */
    static final String LIVE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              namespace: team-a
              uid: 7c1d
              resourceVersion: "812"
              labels: {app: web, team: blue}
              managedFields: [{manager: helmdeck}]
            spec:
              replicas: 2
              revisionHistoryLimit: 10
              progressDeadlineSeconds: 600
              selector: {matchLabels: {app: web}}
              strategy: {type: RollingUpdate}
              template:
                metadata: {labels: {app: web}}
                spec:
                  restartPolicy: Always
                  containers:
                  - name: web
                    image: nginx:1.27
                    imagePullPolicy: IfNotPresent
                    terminationMessagePath: /dev/termination-log
                    ports: [{containerPort: 80, protocol: TCP}]
                    resources: {}
            status: {replicas: 2, readyReplicas: 2}
            """;

    @Test
    void whatTheServerAddsIsNotDrift() {
        assertThat(DriftComparison.changedFields(map(DESIRED), map(LIVE), List.of())).isEmpty();
    }

    @Test
    void changedAndRemovedFieldsAreNamedByPointer() {
        String live = LIVE.replace("replicas: 2\n  revision", "replicas: 5\n  revision")
                .replace("image: nginx:1.27", "image: nginx:evil").replace("labels: {app: web, team: blue}",
                        "labels: {team: blue}");

        assertThat(DriftComparison.changedFields(map(DESIRED), map(live), List.of())).containsExactly(
                "/metadata/labels/app", "/spec/replicas", "/spec/template/spec/containers/0/image");
    }

    @Test
    void anAddedContainerChangesTheWholeList() {
        String live = LIVE.replace("resources: {}\nstatus:",
                "resources: {}\n      - name: sidecar\n        image: busybox\nstatus:");
        assertThat(live).contains("sidecar");

        assertThat(DriftComparison.changedFields(map(DESIRED), map(live), List.of()))
                .containsExactly("/spec/template/spec/containers");
    }

    @Test
    void numbersCompareByValueAndQuantitiesByText() {
        Map<String, Object> desired = Map.of("spec", Map.of("replicas", 3, "cpu", 1, "ratio", 0.50));
        Map<String, Object> live = Map.of("spec", Map.of("replicas", 3L, "cpu", "1", "ratio", 0.5));

        assertThat(DriftComparison.changedFields(desired, live, List.of())).isEmpty();
    }

    @Test
    void ignoredPathsAndEverythingUnderThemAreLeftOut() {
        String live = LIVE.replace("replicas: 2\n  revision", "replicas: 5\n  revision")
                .replace("image: nginx:1.27", "image: nginx:evil");

        assertThat(DriftComparison.changedFields(map(DESIRED), map(live), List.of("/spec/replicas")))
                .containsExactly("/spec/template/spec/containers/0/image");
        assertThat(DriftComparison.changedFields(map(DESIRED), map(live), List.of("/spec"))).isEmpty();
        assertThat(DriftComparison.changedFields(map(DESIRED), map(live), List.of("/spec/replica")))
                .as("a pointer names a whole field, not a prefix").hasSize(2);
    }

    @Test
    void escapedPointersNameKeysWithSlashes() {
        Map<String, Object> desired = Map.of("metadata", Map.of("annotations", Map.of("example.com/owner", "a")));
        Map<String, Object> live = Map.of("metadata", Map.of("annotations", Map.of("example.com/owner", "b")));

        assertThat(DriftComparison.changedFields(desired, live, List.of()))
                .containsExactly("/metadata/annotations/example.com~1owner");
        assertThat(DriftComparison.changedFields(desired, live, List.of("/metadata/annotations/example.com~1owner")))
                .isEmpty();
    }

    @Test
    void aCorrectionKeepsTheLiveValueOfIgnoredFields() {
        String live = LIVE.replace("replicas: 2\n  revision", "replicas: 5\n  revision")
                .replace("image: nginx:1.27", "image: nginx:evil");

        Map<String, Object> corrected = DriftComparison.keepingIgnored(map(DESIRED), map(live),
                List.of("/spec/replicas", "/spec/paused"));

        assertThat(DriftComparison.changedFields(corrected, map(live), List.of()))
                .containsExactly("/spec/template/spec/containers/0/image");
        assertThat(((Map<?, ?>) corrected.get("spec")).get("replicas")).isEqualTo(5);
        assertThat(((Map<?, ?>) corrected.get("spec")).containsKey("paused")).isFalse();
        assertThat(((Map<?, ?>) map(DESIRED).get("spec")).get("replicas")).as("the desired map is not changed")
                .isEqualTo(2);
    }

    @Test
    void rulesApplyToTheObjectsTheirTargetSelects() {
        InventoryEntry web = new InventoryEntry("apps/v1", "Deployment", "team-a", "web");
        InventoryEntry cm = new InventoryEntry("v1", "ConfigMap", "team-a", "web");
        List<DriftIgnoreRule> rules = List.of(
                new DriftIgnoreRule(List.of("/spec/replicas"), new DriftTarget("apps", null, "Deployment", null, null)),
                new DriftIgnoreRule(List.of("/data/generated"), new DriftTarget("", "v1", null, "w.b", "team-.*")),
                new DriftIgnoreRule(List.of("/metadata/labels/x"), null));

        assertThat(DriftRules.ignoredFor(rules, web)).containsExactly("/spec/replicas", "/metadata/labels/x");
        assertThat(DriftRules.ignoredFor(rules, cm)).containsExactly("/data/generated", "/metadata/labels/x");
        assertThat(DriftRules.ignoredFor(rules, new InventoryEntry("v1", "ConfigMap", "team-a", "web-2")))
                .as("name patterns match the whole name").containsExactly("/metadata/labels/x");
    }

    @Test
    void pointerSyntaxIsChecked() {
        assertThat(JsonPointers.problem("/spec/replicas")).isEmpty();
        assertThat(JsonPointers.problem("/metadata/annotations/a~1b~0c")).isEmpty();
        assertThat(JsonPointers.problem("spec/replicas")).hasValueSatisfying(m -> assertThat(m).contains("'/'"));
        assertThat(JsonPointers.problem("/spec/~2")).hasValueSatisfying(m -> assertThat(m).contains("~"));
        assertThat(JsonPointers.problem("")).isPresent();
        assertThat(JsonPointers.tokens("/metadata/annotations/a~1b~0c"))
                .containsExactly("metadata", "annotations", "a/b~c");
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static Map<String, Object> map(String yaml) {
        try {
            return YAML.readValue(yaml, new TypeReference<>() {
            });
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
