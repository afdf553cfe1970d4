package io.helmdeck.model;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * What a tenant's releases may do in the cluster: the namespaces they may deploy to, the cluster-scoped kinds they
 * may create, and the service account every Kubernetes request of theirs impersonates. Body of the {@code PUT} and
 * answer of the {@code GET} of {@code /api/v1/tenants/{tenant}/cluster-policy}; the read-only fields of an answer
 * are accepted and ignored in a body, so a client can send back what it read.
 */
@JsonIgnoreProperties(value = {"tenant", "default", "updatedAt"}, allowGetters = true)
@Schema(name = "ClusterPolicy", description = "Where a tenant's releases may deploy and as whom")
public record ClusterPolicy(
        @Schema(readOnly = true, example = "team-a") String tenant,
        @Schema(description = "Namespaces the tenant's releases may deploy to: a DNS-1123 label, or a prefix ending "
                + "in `*` (`team-a-*`; `*` alone allows every namespace)", required = true,
                example = "[\"team-a\", \"team-a-*\"]") List<String> namespaces,
        @Schema(description = "Kinds of cluster-scoped objects the tenant's charts may contain", defaultValue = "[]",
                example = "[\"CustomResourceDefinition\"]") List<String> clusterScopedKinds,
        @Schema(description = "Service account (in the tenant's namespace) every Kubernetes request of the tenant's "
                + "releases impersonates; null: Helmdeck's own identity", nullable = true,
                example = "helmdeck-tenant") String serviceAccountName,
        @JsonProperty("default")
        @Schema(readOnly = true, description = "True when no policy is stored and these are the platform defaults")
        boolean isDefault,
        @Schema(description = "For PUT: the version you read (0: the default); a stale one gets 409. Also the ETag")
        Long version,
        @Schema(readOnly = true, description = "When the stored policy last changed; absent for the default")
        Instant updatedAt) {
}
