package io.helmdeck.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST …/{name}/rollback}. */
public record RollbackRequest(
        @Schema(description = "Revision to roll back to; default: the previous successful revision", minimum = "1")
        Integer revision) {
}
