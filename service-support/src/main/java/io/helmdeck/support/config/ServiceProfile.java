package io.helmdeck.support.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.List;
import java.util.Optional;

/**
 * What makes the shared plumbing speak for one service: its name, the noun of its records in messages, where its
 * public and internal resources live, and which services may call its internal API. Each service sets these in its
 * own {@code application.properties}; they are not meant to be changed by an operator.
 */
@ConfigMapping(prefix = "helmdeck.profile")
public interface ServiceProfile {

    /** The service's name as other services and the logs know it, e.g. {@code repo-service}. */
    String name();

    /**
     * The record a public path {@code /tenants/{tenant}/…/{name}} names, as a message says it: "OCI repository".
     * Only a service with a user API needs it.
     */
    Optional<String> resourceNoun();

    /** The package of the resources that need a user token; none for a service without a user API. */
    Optional<String> publicPackage();

    /**
     * Whether the service has a user API (JWT-authenticated, {@code /api}): when false (sync-worker) it needs no JWT
     * verification key to start, and no resource is treated as public.
     */
    @WithDefault("true")
    boolean userApi();

    /** The package of the resources that need a service token. */
    String internalPackage();

    /**
     * The services whose tokens this one accepts, by name; each one's token is read from
     * {@code helmdeck.internal.<name>-token}. Empty: the service has no internal API callers.
     */
    List<String> callers();
}
