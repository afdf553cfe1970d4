package io.helmdeck.release.rest;

import java.util.List;

import jakarta.ws.rs.core.MediaType;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.ProblemException;

/**
 * Reads a JSON body that may be left out entirely. JAX-RS answers 415 to a bodiless POST without a content type
 * when the method declares a JSON body, which would break {@code curl -X POST …/rollback}.
 */
final class OptionalJsonBody {

    private OptionalJsonBody() {
    }

    /** Null when there is no body; the parsed body when it is JSON; 415 for any other content type. */
    static <T> T read(ObjectMapper json, String body, String contentType, Class<T> type)
            throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            return null;
        }
        if (contentType == null || !MediaType.valueOf(contentType).isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                    "unsupported content type: send application/json, or no body", List.of());
        }
        return json.readValue(body, type);
    }
}
