package io.helmdeck.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** RFC 9457 problem details, with a list of field violations for validation errors. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details (media type application/problem+json)")
public record Problem(
        @Schema(description = "URI identifying the problem type", example = "https://helmdeck.io/problems/validation")
        String type,
        @Schema(example = "Invalid request") String title,
        @Schema(example = "422") int status,
        @Schema(example = "2 fields are invalid") String detail,
        @Schema(description = "The request path") String instance,
        List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public Problem(String type, String title, int status, String detail, String instance) {
        this(type, title, status, detail, instance, List.of());
    }
}
