package io.helmdeck.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;

/** {@code helm lint --strict} through Helm's own linter (helm-java). */
class ChartLintTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void theChartLintsCleanInStrictMode() {
        LintResult result = new Helm(RenderedChart.chartDir()).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    /**
     * With the default values, Helm's lint stops at the missing Secrets and skips the rest of each template (it
     * reports that as INFO), so NOTES.txt and the optional objects are linted here with ci/prod-values.yaml merged
     * over the defaults, as if they were the chart's own.
     */
    @Test
    void everyTemplateLintsWithTheProductionValues() throws IOException {
        Path copy = copyOfChart("prod");
        ObjectNode defaults = (ObjectNode) YAML.readTree(copy.resolve("values.yaml").toFile());
        JsonNode prod = YAML.readTree(RenderedChart.ciValues("prod-values.yaml").toFile());
        YAML.writeValue(copy.resolve("values.yaml").toFile(), merge(defaults, prod));
        LintResult result = new Helm(copy).lint().strict().call();
        String messages = String.join("\n", result.getMessages());
        assertThat(result.isFailed()).as(messages).isFalse();
        assertThat(messages).doesNotContain("[ERROR]", "[WARNING]", "required", "Fail");
    }

    @Test
    void lintFailsWhenTheDefaultsBreakTheSchema() throws IOException {
        Path copy = copyOfChart("bad-defaults");
        Path values = copy.resolve("values.yaml");
        // A typo'd key and a wrong type in the chart's own defaults: lint must catch both before a release does.
        String broken = Files.readString(values).replaceFirst("replicaCount: 2", "replicaCount: two")
                .replaceFirst("nameOverride: \"\"", "nameOverride: \"\"\nnameOverrid: typo");
        Files.writeString(values, broken);
        LintResult result = new Helm(copy).lint().strict().call();
        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("schema").contains("replicaCount")
                .contains("nameOverrid");
    }

    /** Helm's own rule for values files: maps merge key by key, anything else is replaced. */
    private static ObjectNode merge(ObjectNode base, JsonNode override) {
        override.fields().forEachRemaining(e -> {
            JsonNode current = base.get(e.getKey());
            if (current instanceof ObjectNode currentObject && e.getValue().isObject()) {
                merge(currentObject, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue());
            }
        });
        return base;
    }

    private static Path copyOfChart(String name) throws IOException {
        Path source = RenderedChart.chartDir();
        Path target = Paths.get("target", "lint", name, "helmdeck").toAbsolutePath();
        if (Files.exists(target)) {
            try (Stream<Path> old = Files.walk(target)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest);
                }
            }
        }
        return target;
    }
}
