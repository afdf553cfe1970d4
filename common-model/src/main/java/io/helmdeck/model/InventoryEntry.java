package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One object a release applied; {@code namespace} is absent for cluster-scoped objects. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record InventoryEntry(String apiVersion, String kind, String namespace, String name) {
}
