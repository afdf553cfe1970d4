package io.helmdeck.sync.oci;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.value.Digest;

/** Reads OCI image manifests and Docker v2 schema 2 manifests; refuses indexes, which hold no chart layers. */
public final class ManifestParser {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ManifestParser() {
    }

    /**
     * @param contentType the response's {@code Content-Type}, used when the document omits {@code mediaType}
     */
    public static OciManifest parse(Digest digest, String contentType, byte[] body) {
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryException(Reasons.INVALID_CHART, "manifest " + digest + " is not valid JSON");
        }
        if (root == null || !root.isObject()) {
            throw new RegistryException(Reasons.INVALID_CHART, "manifest " + digest + " is not a JSON object");
        }
        String mediaType = root.path("mediaType").asText(null);
        if (mediaType == null && contentType != null) {
            mediaType = contentType.split(";", 2)[0].trim();
        }
        if (MediaTypes.isIndex(mediaType) || root.has("manifests")) {
            throw new RegistryException(Reasons.INVALID_CHART, "manifest " + digest + " is a multi-platform index ("
                    + mediaType + ") listing " + root.path("manifests").size()
                    + " platform manifests, not a Helm chart: point the repository at a chart, not a container image");
        }
        if (root.path("schemaVersion").asInt(0) != 2) {
            throw new RegistryException(Reasons.INVALID_CHART, "manifest " + digest + " has schemaVersion "
                    + root.path("schemaVersion").asText("(none)") + "; only schema 2 manifests are supported");
        }
        if (mediaType != null && !mediaType.isEmpty() && !MediaTypes.OCI_MANIFEST.equals(mediaType)
                && !MediaTypes.DOCKER_MANIFEST.equals(mediaType) && !"application/json".equals(mediaType)) {
            throw new RegistryException(Reasons.INVALID_CHART,
                    "manifest " + digest + " has unsupported media type " + mediaType);
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode layer : root.path("layers")) {
            layers.add(descriptor(digest, layer));
        }
        Descriptor config = root.has("config") ? descriptor(digest, root.get("config")) : null;
        return new OciManifest(digest, mediaType == null ? MediaTypes.OCI_MANIFEST : mediaType,
                root.path("artifactType").asText(null), config, List.copyOf(layers));
    }

    private static Descriptor descriptor(Digest manifest, JsonNode node) {
        try {
            return new Descriptor(node.path("mediaType").asText(""), Digest.parse(node.path("digest").asText()),
                    node.path("size").asLong(-1));
        } catch (RuntimeException e) {
            throw new RegistryException(Reasons.INVALID_CHART, "manifest " + manifest
                    + " has a descriptor with an invalid digest: " + node.path("digest").asText());
        }
    }
}
