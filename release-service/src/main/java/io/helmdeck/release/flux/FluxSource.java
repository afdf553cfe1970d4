package io.helmdeck.release.flux;

import java.util.Objects;

import io.helmdeck.model.LayerSelector;
import io.helmdeck.model.value.Digest;
import io.helmdeck.model.value.OciUrl;

/**
 * The chart Flux pulls: the OCI repository and the digest Helmdeck's sync verified, so Flux deploys exactly that
 * artifact even when the tag moves.
 *
 * @param url            {@code oci://host[:port]/repository}, no tag or digest; normalised
 * @param digest         {@code sha256:<64 hex>} of the verified manifest
 * @param insecure       plain-HTTP registry
 * @param layerMediaType media type of the chart layer; {@code null} means Helm's chart content type
 */
public record FluxSource(String url, String digest, boolean insecure, String layerMediaType) {

    public FluxSource {
        url = OciUrl.parse(Objects.requireNonNull(url, "url")).toString();
        digest = Digest.parse(Objects.requireNonNull(digest, "digest")).toString();
        if (layerMediaType == null || layerMediaType.isBlank()) {
            layerMediaType = LayerSelector.DEFAULT_MEDIA_TYPE;
        }
    }
}
