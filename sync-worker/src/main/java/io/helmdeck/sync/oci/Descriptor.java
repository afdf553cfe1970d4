package io.helmdeck.sync.oci;

import io.helmdeck.model.value.Digest;

/** An OCI content descriptor: what a manifest says about its config or one layer. */
public record Descriptor(String mediaType, Digest digest, long size) {
}
