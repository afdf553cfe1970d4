package io.helmdeck.sync.oci;

import io.helmdeck.model.value.Digest;

/** Blob content whose SHA-256 was checked against the digest it was asked for while it streamed in. */
public record VerifiedBlob(Digest digest, byte[] content) {

    public long size() {
        return content.length;
    }
}
