package io.helmdeck.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of Helm releases ordered by name; follow {@code nextCursor} for the next page. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HelmReleaseList(
        List<HelmRelease> items,
        @Schema(description = "Opaque cursor of the next page; absent on the last page") String nextCursor) {
}
