package io.helmdeck.model.value;

import java.util.Objects;

/** One invalid field of a request: the JSON path of the field and a user-readable message. */
public record FieldError(String field, String message) {

    public FieldError {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(message, "message");
    }
}
