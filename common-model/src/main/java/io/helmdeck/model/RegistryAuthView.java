package io.helmdeck.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Registry credentials as returned: the kind, the user name, and whether a secret is stored. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Registry credentials as shown: secrets are never returned")
public record RegistryAuthView(
        @Schema(enumeration = {"none", "basic", "bearer", "dockerconfigjson"}) String type,
        String username,
        @Schema(description = "True when a secret (password, token or docker config) is stored") boolean secretSet) {
}
