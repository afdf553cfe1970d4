package io.helmdeck.support.mapping;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.Condition;

/**
 * Reads and writes the JSON text columns of the services' tables (labels, conditions, artifacts, values, ...) with
 * the application's ObjectMapper. A column that does not parse was written by this code, so it is a bug, not bad
 * input: it surfaces unchecked.
 */
public final class JsonColumns {

    private static final TypeReference<List<Condition>> CONDITIONS = new TypeReference<>() {
    };
    private static final TypeReference<LinkedHashMap<String, String>> LABELS = new TypeReference<>() {
    };

    private final ObjectMapper json;

    public JsonColumns(ObjectMapper json) {
        this.json = json;
    }

    public String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T read(String column, Class<T> type) {
        try {
            return json.readValue(column, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> T read(String column, TypeReference<T> type) {
        try {
            return json.readValue(column, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A status's conditions column. */
    public List<Condition> conditions(String column) {
        return read(column, CONDITIONS);
    }

    /** A labels column, in stored key order; none when the column is empty. */
    public Map<String, String> labels(String column) {
        return column == null ? Map.of() : read(column, LABELS);
    }
}
