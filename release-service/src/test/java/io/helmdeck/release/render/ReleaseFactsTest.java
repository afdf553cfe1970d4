package io.helmdeck.release.render;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReleaseFactsTest {

    private final ReleaseFacts upgradeTo7 = new ReleaseFacts(7, true);

    @Test
    void replacesTheWholeFieldChainInsideActions() {
        assertThat(upgradeTo7.apply("name: x-{{ .Release.Revision }}-{{ $.Release.Revision }}")).isEqualTo(
                "name: x-{{ 7 }}-{{ 7 }}");
        assertThat(upgradeTo7.apply("{{ if and .context.Release.IsUpgrade (not $root.Release.IsInstall) }}"))
                .isEqualTo("{{ if and true (not false) }}");
        assertThat(upgradeTo7.apply("{{- printf \"%d\" .Release.Revision | quote -}}"))
                .isEqualTo("{{- printf \"%d\" 7 | quote -}}");
    }

    @Test
    void leavesLiteralTextAndOtherFieldsAlone() {
        String text = "# .Release.Revision\n{{ .Release.Name }} {{ .Release.RevisionHistory }}";
        assertThat(upgradeTo7.apply(text)).isEqualTo(text);
    }

    @Test
    void helmsOwnDefaultsNeedNoRewrite() {
        assertThat(new ReleaseFacts(1, false).needed()).isFalse();
        assertThat(new ReleaseFacts(2, false).needed()).isTrue();
        assertThat(new ReleaseFacts(1, true).needed()).isTrue();
    }
}
