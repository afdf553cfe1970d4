package io.helmdeck.release.persistence;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;

/** Status rows of Helm releases. */
@ApplicationScoped
public class HelmReleaseStatusStore implements PanacheRepositoryBase<HelmReleaseStatusEntity, Long> {
}
