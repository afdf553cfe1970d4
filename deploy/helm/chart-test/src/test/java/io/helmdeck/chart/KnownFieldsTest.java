package io.helmdeck.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * A misspelt field (say {@code topologySpreadConstraint}) renders fine and is silently dropped by the API server
 * (or refused by strict validation). Reading every rendered object into fabric8's typed Kubernetes models, which
 * keep fields they do not know aside as "additional properties", finds such fields without a cluster.
 */
class KnownFieldsTest {

    private static final KubernetesSerialization KUBE = new KubernetesSerialization();

    static Stream<Arguments> installs() {
        return Stream.of(
                Arguments.of("minimal values", RenderedChart.render(
                        List.of(RenderedChart.testValues("minimal-values.yaml")), Map.of())),
                Arguments.of("ci/prod-values.yaml", RenderedChart.render(
                        List.of(RenderedChart.ciValues("prod-values.yaml")), Map.of())),
                Arguments.of("flux mode", RenderedChart.render(
                        List.of(RenderedChart.testValues("minimal-values.yaml")),
                        Map.of("releaseService.deployMode", "flux"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("installs")
    void everyRenderedFieldIsAKubernetesField(String values, RenderedChart chart) {
        List<String> unknown = new ArrayList<>();
        int typed = 0;
        for (JsonNode object : chart.objects) {
            KubernetesResource resource = KUBE.unmarshal(object.toString(), KubernetesResource.class);
            if (resource instanceof GenericKubernetesResource) {
                continue; // a custom resource (ServiceMonitor, PrometheusRule): no typed model to compare with
            }
            typed++;
            collectUnknown(resource, object.path("kind").asText() + "/" + object.at("/metadata/name").asText(),
                    unknown);
        }
        assertThat(typed).isGreaterThan(10);
        assertThat(unknown).as("fields Kubernetes does not know").isEmpty();
    }

    private static void collectUnknown(Object value, String path, List<String> unknown) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                collectUnknown(item, path + "[" + i++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> collectUnknown(v, path + "." + k, unknown));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return; // strings, numbers, enums
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || getter.getDeclaringClass() == Object.class || !getter.getName().startsWith("get")) {
                continue;
            }
            Object property;
            try {
                property = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (property instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    unknown.add(path + ": " + extra.keySet());
                }
            } else {
                collectUnknown(property, path + "." + getter.getName().substring(3), unknown);
            }
        }
    }
}
