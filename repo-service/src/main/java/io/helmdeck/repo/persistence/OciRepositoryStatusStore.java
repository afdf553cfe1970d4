package io.helmdeck.repo.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Status rows of OCI repositories. */
@ApplicationScoped
public class OciRepositoryStatusStore implements PanacheRepositoryBase<OciRepositoryStatusEntity, Long> {
}
