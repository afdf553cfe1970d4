package io.helmdeck.model;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Which layer of the OCI artifact holds the chart, and what to do with it. */
@Schema(description = "Layer to take from the OCI artifact")
public record LayerSelector(
        @Schema(description = "Media type of the layer", defaultValue = LayerSelector.DEFAULT_MEDIA_TYPE,
                example = LayerSelector.DEFAULT_MEDIA_TYPE) String mediaType,
        @Schema(description = "`extract` unpacks the tar.gz and reads the chart; `copy` stores the layer as is",
                enumeration = {"extract", "copy"}, defaultValue = "extract") String operation) {

    public static final String DEFAULT_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
    public static final String EXTRACT = "extract";
    public static final String COPY = "copy";
}
