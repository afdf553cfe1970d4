package io.helmdeck.portal.chart;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.SpecVersionDetector;
import com.networknt.schema.ValidationMessage;

/**
 * Checks values typed in the editor: YAML syntax, a mapping at the top, and the chart's {@code values.schema.json}
 * when it has one (the check Helm itself makes when it renders, shown before anything is saved).
 */
@ApplicationScoped
public class ValuesChecker {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One problem, with the path of the value it is about ({@code values.replicaCount}) and what is wrong. */
    public record ValuesViolation(String field, String message) {
    }

    /**
     * What the editor holds: the values as JSON (what the API takes), or null when they are not a YAML mapping, and
     * the violations, empty when all is fine.
     */
    public record Checked(JsonNode values, List<ValuesViolation> violations) {
    }

    /** Parses {@code yaml} and checks it against {@code chart}'s schema, if any. */
    public Checked check(String yaml, ValuesEditorFiles chart) {
        JsonNode values;
        try {
            values = yaml == null || yaml.isBlank() ? JSON.createObjectNode() : YAML.readTree(yaml);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")";
            return new Checked(null, List.of(new ValuesViolation("values",
                    "not valid YAML" + where + ": " + e.getOriginalMessage())));
        }
        if (values == null || values.isNull() || values.isMissingNode()) {
            values = JSON.createObjectNode();
        }
        if (!values.isObject()) {
            return new Checked(null, List.of(new ValuesViolation("values", "must be a mapping of keys to values")));
        }
        if (chart.schema().isEmpty()) {
            return new Checked(values, List.of());
        }
        JsonNode schemaNode;
        try {
            schemaNode = JSON.readTree(chart.schema().get());
        } catch (JsonProcessingException e) {
            return new Checked(values, List.of(new ValuesViolation("values",
                    "the chart's values.schema.json is not valid JSON")));
        }
        SpecVersion.VersionFlag version = SpecVersionDetector.detectOptionalVersion(schemaNode, false)
                .orElse(SpecVersion.VersionFlag.V7);
        JsonSchema schema = JsonSchemaFactory.getInstance(version).getSchema(schemaNode);
        List<ValuesViolation> violations = new ArrayList<>();
        for (ValidationMessage message : schema.validate(values)) {
            String path = message.getInstanceLocation().toString();
            String field = "values" + (path.startsWith("$") ? path.substring(1) : "." + path);
            String text = message.getMessage();
            // networknt starts each message with the instance path; the field already says it.
            int colon = text.indexOf(": ");
            if (colon > 0 && text.startsWith("$")) {
                text = text.substring(colon + 2);
            }
            violations.add(new ValuesViolation(field, text));
        }
        violations.sort(Comparator.comparing(ValuesViolation::field));
        return new Checked(values, violations);
    }
}
