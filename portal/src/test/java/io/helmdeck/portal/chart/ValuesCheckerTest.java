package io.helmdeck.portal.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class ValuesCheckerTest {

    static final ValuesEditorFiles WITH_SCHEMA = new ValuesEditorFiles("replicaCount: 1\n", Optional.of("""
            {"$schema": "http://json-schema.org/draft-07/schema#", "type": "object",
             "properties": {"replicaCount": {"type": "integer", "minimum": 1},
                            "image": {"type": "object", "properties": {"tag": {"type": "string"}}}}}
            """));
    final ValuesChecker checker = new ValuesChecker();

    @Test
    void valuesThatBreakTheChartsSchemaAreNamedByTheirPath() {
        ValuesChecker.Checked checked = checker.check("replicaCount: 0\nimage:\n  tag: 5\n", WITH_SCHEMA);
        assertThat(checked.violations()).extracting(ValuesChecker.ValuesViolation::field)
                .containsExactly("values.image.tag", "values.replicaCount");
        assertThat(checked.violations().get(1).message()).contains("minimum");
    }

    @Test
    void validValuesComeBackAsJsonForTheApi() {
        ValuesChecker.Checked checked = checker.check("replicaCount: 3\nimage:\n  tag: \"1.2\"\n", WITH_SCHEMA);
        assertThat(checked.violations()).isEmpty();
        assertThat(checked.values().toString()).isEqualTo("{\"replicaCount\":3,\"image\":{\"tag\":\"1.2\"}}");
    }

    @Test
    void brokenYamlAndNonMappingsAreRefusedWithoutASchema() {
        ValuesEditorFiles none = new ValuesEditorFiles("", Optional.empty());
        assertThat(checker.check("a: [1, 2\n", none).violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).startsWith("not valid YAML"));
        assertThat(checker.check("- 1\n- 2\n", none).violations()).singleElement()
                .satisfies(v -> assertThat(v.message()).isEqualTo("must be a mapping of keys to values"));
        assertThat(checker.check("", none).values().toString()).isEqualTo("{}");
        assertThat(checker.check("anything: [goes]\n", none).violations()).isEmpty();
    }
}
