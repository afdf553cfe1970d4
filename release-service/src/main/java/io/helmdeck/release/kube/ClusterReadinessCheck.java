package io.helmdeck.release.kube;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness of the cluster connection: DOWN only when a cluster is configured but does not answer. Without a
 * cluster the service is still ready (PRODUCT.md §4: releases are rendered and recorded, not applied).
 */
@Readiness
@ApplicationScoped
public class ClusterReadinessCheck implements HealthCheck {

    static final String NAME = "kubernetes";

    private final ClusterConnection connection;

    ClusterReadinessCheck(ClusterConnection connection) {
        this.connection = connection;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME)
                .withData("connection", connection.describe());
        if (!connection.available()) {
            return response.up()
                    .withData("applying", "no: releases are rendered and recorded but not applied")
                    .build();
        }
        try {
            return response.up()
                    .withData("applying", "yes")
                    .withData("serverVersion", connection.serverVersion())
                    .build();
        } catch (ApplyException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
