package io.helmdeck.support.config;

import java.io.IOException;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Refuses JSON text holding a NUL character, in every body: PostgreSQL cannot store one in a text column, so it
 * would otherwise fail the write with a 500 instead of a 400 (found by the hostile-input suite).
 */
@Singleton
public class NoNulStringsCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(new SimpleModule("no-nul-strings").addDeserializer(String.class, new NoNulStrings()));
    }

    /** Jackson's string reading, plus the NUL check; the message never quotes the value (it may be a secret). */
    static final class NoNulStrings extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String value = super.deserialize(parser, context);
            if (value != null && value.indexOf('\u0000') >= 0) {
                throw JsonMappingException.from(parser, "text must not contain NUL characters");
            }
            return value;
        }
    }
}
