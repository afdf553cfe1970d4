package io.helmdeck.release.render;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.helmdeck.model.ChartDependency;
import io.helmdeck.model.ChartMetadata;

/** Reads Chart.yaml and values.yaml of an unpacked chart. */
final class ChartYamlReader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ChartYamlReader() {
    }

    static ChartMetadata metadata(Path chartYaml) throws RenderException {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(chartYaml));
        } catch (JsonProcessingException e) {
            throw new RenderException("Chart.yaml is not valid YAML: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RenderException("Chart.yaml cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new RenderException("Chart.yaml is not a YAML mapping");
        }
        String name = text(root, "name");
        String version = text(root, "version");
        if (name == null || version == null) {
            throw new RenderException("Chart.yaml lacks the required " + (name == null ? "name" : "version"));
        }
        List<ChartDependency> dependencies = new ArrayList<>();
        for (JsonNode dependency : root.path("dependencies")) {
            dependencies.add(new ChartDependency(text(dependency, "name"), text(dependency, "version"),
                    text(dependency, "repository")));
        }
        return new ChartMetadata(name, version, text(root, "appVersion"), text(root, "description"),
                text(root, "icon"), text(root, "kubeVersion"), text(root, "type"), List.copyOf(dependencies));
    }

    /** The chart's values.yaml as a map; empty when the file is missing or empty. */
    static Map<String, Object> values(Path valuesYaml) throws RenderException {
        if (!Files.isRegularFile(valuesYaml)) {
            return Map.of();
        }
        try {
            Map<String, Object> values = YAML.readValue(Files.readAllBytes(valuesYaml), new TypeReference<>() {
            });
            return values == null ? Map.of() : values;
        } catch (JsonProcessingException e) {
            throw new RenderException("values.yaml of the chart is not a valid YAML mapping: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RenderException("values.yaml of the chart cannot be read: " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isContainerNode() ? null : value.asText();
    }
}
