package io.helmdeck.release.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a tenant maps onto the cluster. */
@ConfigMapping(prefix = "helmdeck.tenant")
public interface TenantConfig {

    /**
     * The tenant's Kubernetes namespace, {@code {tenant}} replaced by the tenant name; the default
     * {@code targetNamespace} of its releases (a DuploCloud-style install sets {@code duploservices-{tenant}}).
     */
    @WithDefault("{tenant}")
    String namespaceTemplate();

    /** The namespace of {@code tenant}. */
    default String namespaceOf(String tenant) {
        return namespaceTemplate().replace("{tenant}", tenant);
    }
}
