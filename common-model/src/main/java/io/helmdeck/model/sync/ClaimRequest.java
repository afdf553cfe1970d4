package io.helmdeck.model.sync;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A worker asks for up to {@code max} due repositories, leased for {@code leaseSeconds}: at most
 * {@code maxPerRegistry} of one registry (null: no limit) and none of {@code excludeRegistries} ({@code host[:port]}),
 * so it is never handed work for a registry it is already saturating.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClaimRequest(String worker, int max, int leaseSeconds, Integer maxPerRegistry,
        List<String> excludeRegistries) {

    public ClaimRequest(String worker, int max, int leaseSeconds) {
        this(worker, max, leaseSeconds, null, null);
    }
}
