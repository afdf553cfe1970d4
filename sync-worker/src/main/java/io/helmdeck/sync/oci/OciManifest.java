package io.helmdeck.sync.oci;

import java.util.List;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.value.Digest;

/** A single-platform image manifest (OCI or Docker v2 schema 2), the shape a Helm chart is pushed in. */
public record OciManifest(Digest digest, String mediaType, String artifactType, Descriptor config,
        List<Descriptor> layers) {

    /** The first layer of the given media type; fails with {@link Reasons#MEDIA_TYPE_NOT_FOUND} when none has it. */
    public Descriptor layer(String wantedMediaType) {
        return layers.stream().filter(l -> wantedMediaType.equals(l.mediaType())).findFirst()
                .orElseThrow(() -> new RegistryException(Reasons.MEDIA_TYPE_NOT_FOUND,
                        "manifest " + digest + " has no layer of media type " + wantedMediaType + " (layers: "
                                + layers.stream().map(Descriptor::mediaType).distinct().toList() + ")"));
    }
}
