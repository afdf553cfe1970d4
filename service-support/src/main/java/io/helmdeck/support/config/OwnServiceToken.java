package io.helmdeck.support.config;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The token repo-service sends to sync-worker and release-service. A single property: its name,
 * {@code helmdeck.service-token}, is shared by every service (ADR 0013) and sits directly under {@code helmdeck},
 * where a mapping would claim every other {@code helmdeck.*} key.
 */
@ApplicationScoped
public class OwnServiceToken {

    private final Optional<String> token;

    public OwnServiceToken(@ConfigProperty(name = "helmdeck.service-token") Optional<String> token) {
        this.token = token.map(String::trim).filter(t -> !t.isEmpty());
    }

    /** The token, when configured (required in prod). */
    public Optional<String> get() {
        return token;
    }
}
