package io.helmdeck.sync.oci;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.value.Digest;

class ManifestParserTest {

    static final Digest SELF = Digest.sha256Of("m".getBytes(StandardCharsets.UTF_8));
    static final String A = "sha256:" + "a".repeat(64);
    static final String B = "sha256:" + "b".repeat(64);

    @Test
    void readsADockerSchema2Manifest() {
        String json = """
                {"schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
                 "config": {"mediaType": "application/vnd.docker.container.image.v1+json", "digest": "%s", "size": 7},
                 "layers": [{"mediaType": "application/vnd.docker.image.rootfs.diff.tar.gzip", "digest": "%s",
                             "size": 1234}]}""".formatted(A, B);

        OciManifest manifest = ManifestParser.parse(SELF, null, json.getBytes(StandardCharsets.UTF_8));

        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.DOCKER_MANIFEST);
        assertThat(manifest.layers()).containsExactly(new Descriptor(
                "application/vnd.docker.image.rootfs.diff.tar.gzip", Digest.parse(B), 1234));
    }

    @Test
    void takesTheMediaTypeFromContentTypeWhenTheDocumentOmitsIt() {
        String json = """
                {"schemaVersion": 2, "config": {"mediaType": "%s", "digest": "%s", "size": 7}, "layers": []}"""
                .formatted(MediaTypes.HELM_CONFIG, A);

        OciManifest manifest = ManifestParser.parse(SELF, MediaTypes.OCI_MANIFEST + "; charset=utf-8",
                json.getBytes(StandardCharsets.UTF_8));

        assertThat(manifest.mediaType()).isEqualTo(MediaTypes.OCI_MANIFEST);
    }

    @Test
    void dockerManifestListIsRefusedAsAMultiPlatformIndex() {
        String json = """
                {"schemaVersion": 2, "mediaType": "%s", "manifests": []}""".formatted(MediaTypes.DOCKER_MANIFEST_LIST);

        RegistryException e = catchThrowableOfType(RegistryException.class,
                () -> ManifestParser.parse(SELF, null, json.getBytes(StandardCharsets.UTF_8)));

        assertThat(e.reason()).isEqualTo(Reasons.INVALID_CHART);
        assertThat(e.getMessage()).contains("multi-platform index", MediaTypes.DOCKER_MANIFEST_LIST);
    }

    @Test
    void schema1IsRefused() {
        RegistryException e = catchThrowableOfType(RegistryException.class, () -> ManifestParser.parse(SELF, null,
                "{\"schemaVersion\": 1, \"fsLayers\": []}".getBytes(StandardCharsets.UTF_8)));

        assertThat(e.reason()).isEqualTo(Reasons.INVALID_CHART);
        assertThat(e.getMessage()).contains("schemaVersion 1");
    }
}
