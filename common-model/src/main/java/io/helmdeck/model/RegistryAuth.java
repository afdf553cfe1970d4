package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Registry credentials as written by a client. Secret fields are write-only: they are never returned.
 * {@link #toString()} masks them so a stray log line cannot leak them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties("secretSet")
@Schema(description = "Registry credentials (write-only secrets). Responses show `RegistryAuthView` instead.")
public record RegistryAuth(
        @Schema(description = "Kind of credentials", enumeration = {"none", "basic", "bearer", "dockerconfigjson"},
                defaultValue = "none", required = true) String type,
        @Schema(description = "User name, for `basic`", example = "robot") String username,
        @Schema(description = "Password, for `basic` (write-only)", writeOnly = true) String password,
        @Schema(description = "Bearer token, for `bearer` (write-only)", writeOnly = true) String token,
        @Schema(description = "Content of a `.dockerconfigjson`, for `dockerconfigjson` (write-only)", writeOnly = true)
        String dockerconfigjson) {

    public static final String NONE = "none";
    public static final String BASIC = "basic";
    public static final String BEARER = "bearer";
    public static final String DOCKER_CONFIG_JSON = "dockerconfigjson";

    @Override
    public String toString() {
        return "RegistryAuth[type=" + type + ", username=" + username + ", secrets=***]";
    }
}
