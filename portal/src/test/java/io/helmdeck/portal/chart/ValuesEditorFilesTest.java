package io.helmdeck.portal.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import io.helmdeck.portal.stack.StackCharts;
import org.junit.jupiter.api.Test;

class ValuesEditorFilesTest {

    /** Helm's own archives (Helm writes a gzip extra field some gzip readers refuse). */
    @Test
    void readsTheDefaultValuesAndTheSchemaOfAChartHelmPackaged() throws Exception {
        ValuesEditorFiles files = ValuesEditorFiles.read(Files.readAllBytes(StackCharts.packaged("files", "1.2.3")));

        assertThat(files.values()).contains("replicaCount: 1");
        assertThat(files.schema()).hasValueSatisfying(schema -> assertThat(schema).contains("\"minimum\": 1"));
    }
}
