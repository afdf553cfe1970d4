package io.helmdeck.release.policy;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/**
 * The platform's defaults for tenants without a stored cluster policy ({@code helmdeck.kube.*}; kept apart from
 * {@code KubeConfig}, which is about the connection, so the two can change independently).
 */
@ConfigMapping(prefix = "helmdeck.kube")
public interface ClusterPolicyConfig {

    /**
     * Service account (in the tenant's namespace) that the releases of a tenant without a stored policy
     * impersonate (env {@code HELMDECK_KUBE_DEFAULT_SERVICE_ACCOUNT}); unset: Helmdeck's own identity, as Flux
     * without {@code --default-service-account}.
     */
    Optional<String> defaultServiceAccount();
}
