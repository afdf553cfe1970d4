package io.helmdeck.chart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;

/** The objects Helm's own engine (helm-java) renders from deploy/helm/helmdeck for some values. */
final class RenderedChart {

    /** Release name and namespace of every render, so object names are predictable: hd-helmdeck-&lt;component&gt;. */
    static final String RELEASE = "hd";
    static final String NAMESPACE = "helmdeck";
    static final String KUBE_VERSION = "v1.31.0";

    private static final YAMLMapper YAML = new YAMLMapper();

    final List<JsonNode> objects;

    private RenderedChart(List<JsonNode> objects) {
        this.objects = objects;
    }

    static Path chartDir() {
        return Paths.get(System.getProperty("helmdeck.chart.dir", "../helmdeck")).toAbsolutePath().normalize();
    }

    static Path ciValues(String name) {
        return chartDir().resolve("ci").resolve(name);
    }

    static Path testValues(String name) {
        return Paths.get("src/test/resources", name).toAbsolutePath();
    }

    /** Renders with these values files, then these --set pairs; Helm's errors surface as IllegalStateException. */
    static RenderedChart render(List<Path> valuesFiles, Map<String, Object> sets) {
        return render(KUBE_VERSION, valuesFiles, sets);
    }

    static RenderedChart render(String kubeVersion, List<Path> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(chartDir()).template().withName(RELEASE).withNamespace(NAMESPACE)
                .withKubeVersion(kubeVersion);
        valuesFiles.forEach(template::withValuesFile);
        sets.forEach(template::set);
        return parse(template.call());
    }

    static RenderedChart parse(String manifest) {
        List<JsonNode> docs = new ArrayList<>();
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(manifest)) {
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && doc.has("kind")) {
                    docs.add(doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the chart rendered something that is not YAML", e);
        }
        return new RenderedChart(docs);
    }

    Stream<JsonNode> ofKind(String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText()));
    }

    JsonNode one(String kind, String name) {
        return ofKind(kind).filter(named(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in " + summary()));
    }

    boolean has(String kind, String name) {
        return ofKind(kind).anyMatch(named(name));
    }

    static Predicate<JsonNode> named(String name) {
        return o -> name.equals(o.path("metadata").path("name").asText());
    }

    static String componentName(String component) {
        return RELEASE + "-helmdeck-" + component;
    }

    /** kind/name of every object, for failure messages. */
    List<String> summary() {
        return objects.stream().map(o -> o.path("kind").asText() + "/" + o.path("metadata").path("name").asText())
                .toList();
    }

    static Stream<JsonNode> elements(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false);
    }

    /** The value of an environment variable of a container, or null (valueFrom variables have none). */
    static JsonNode env(JsonNode container, String name) {
        return elements(container.path("env")).filter(e -> name.equals(e.path("name").asText())).findFirst()
                .orElse(null);
    }
}
