package io.helmdeck.sync.oci;

import java.util.List;

/** Media types of the manifests the client asks for and understands. */
public final class MediaTypes {
    private MediaTypes() {
    }

    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    public static final String DOCKER_MANIFEST_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String HELM_CHART_CONTENT = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    public static final String HELM_CONFIG = "application/vnd.cncf.helm.config.v1+json";

    /**
     * Every manifest kind is listed, indexes included, so the registry never has to guess: Distribution answers 404
     * to a manifest request without an OCI type in {@code Accept}, and an index is reported as such instead of as
     * "not found".
     */
    public static final String MANIFEST_ACCEPT = String.join(", ",
            List.of(OCI_MANIFEST, OCI_INDEX, DOCKER_MANIFEST, DOCKER_MANIFEST_LIST));

    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_MANIFEST_LIST.equals(mediaType);
    }
}
