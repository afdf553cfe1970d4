package io.helmdeck.model.sync;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Registry credentials in clear text, handed to a sync worker over the internal channel only.
 * {@link #toString()} masks the secret so a stray log line cannot leak it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SyncCredentials(String type, String username, String secret) {

    @Override
    public String toString() {
        return "SyncCredentials[type=" + type + ", username=" + username + ", secret=***]";
    }
}
