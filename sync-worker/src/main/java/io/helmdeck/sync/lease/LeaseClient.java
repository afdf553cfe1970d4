package io.helmdeck.sync.lease;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.sync.ClaimRequest;
import io.helmdeck.model.sync.ClaimResponse;
import io.helmdeck.model.sync.LeaseRenewal;
import io.helmdeck.model.sync.LeaseRenewed;
import io.helmdeck.model.sync.SyncReport;
import io.helmdeck.model.sync.SyncTask;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * The worker's side of repo-service's lease API: claim due repositories, renew a lease, report a result. It runs on
 * Vert.x core's HTTP client through {@link LeaseHttp}, which says why that and not the REST client.
 */
@ApplicationScoped
public class LeaseClient {

    static final String BASE = "/internal/v1/sync";
    private static final Map<String, String> JSON = Map.of("Content-Type", "application/json",
            "Accept", "application/json, application/problem+json");

    private final LeaseHttp http;

    public LeaseClient(LeaseHttp http) {
        this.http = http;
    }

    /** What became of a report. */
    public enum Delivery {
        /** repo-service stored the result. */
        ACCEPTED,
        /** The lease went to another worker meanwhile; that worker's result counts. */
        LEASE_LOST,
        /** The repository was deleted while it synced. */
        REPOSITORY_GONE
    }

    /** Up to {@code max} due repositories, now leased to {@code worker} for {@code leaseSeconds}. */
    public Uni<List<SyncTask>> claim(String worker, int max, int leaseSeconds) {
        return claim(new ClaimRequest(worker, max, leaseSeconds));
    }

    /** As above, with at most so many of one registry and none of the excluded registries. */
    public Uni<List<SyncTask>> claim(ClaimRequest request) {
        String what = "claim";
        return http.send(HttpMethod.POST, BASE + "/claims", JSON, http.toJson(request)).map(answer -> {
                    if (answer.status() != 200) {
                        throw http.unexpected(answer, what);
                    }
                    ClaimResponse response = http.fromJson(answer, ClaimResponse.class, what);
                    return response.tasks() == null ? List.of() : response.tasks();
                });
    }

    /**
     * The lease's new end, or empty when the lease is no longer this worker's (409) or the repository was deleted
     * (404): either way the result of the running sync will not be taken.
     */
    public Uni<Optional<Instant>> renew(long repositoryId, String worker, int leaseSeconds) {
        String what = "renew lease of repository " + repositoryId;
        return http.send(HttpMethod.POST, BASE + "/leases/" + repositoryId + "/renew", JSON,
                http.toJson(new LeaseRenewal(worker, leaseSeconds))).map(answer -> {
                    if (answer.status() == 409 || answer.status() == 404) {
                        return Optional.empty();
                    }
                    if (answer.status() != 200) {
                        throw http.unexpected(answer, what);
                    }
                    return Optional.ofNullable(http.fromJson(answer, LeaseRenewed.class, what).leaseExpiresAt());
                });
    }

    /** Gives an unused lease back so the repository can be claimed again at once; a lost lease is fine too. */
    public Uni<Void> release(long repositoryId, String worker) {
        String what = "release lease of repository " + repositoryId;
        return http.send(HttpMethod.POST, BASE + "/leases/" + repositoryId + "/release", JSON,
                http.toJson(new LeaseRenewal(worker, 1))).map(answer -> {
                    if (answer.status() != 204 && answer.status() != 200 && answer.status() != 409
                            && answer.status() != 404) {
                        throw http.unexpected(answer, what);
                    }
                    return null;
                });
    }

    /** Hands in the result of a sync, which also releases the lease. */
    public Uni<Delivery> report(long repositoryId, SyncReport report) {
        String what = "report of repository " + repositoryId;
        return http.send(HttpMethod.POST, BASE + "/leases/" + repositoryId + "/report", JSON, http.toJson(report))
                .map(answer -> switch (answer.status()) {
                    case 200, 204 -> Delivery.ACCEPTED;
                    case 409 -> Delivery.LEASE_LOST;
                    case 404 -> Delivery.REPOSITORY_GONE;
                    default -> throw http.unexpected(answer, what);
                });
    }
}
