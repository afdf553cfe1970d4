package io.helmdeck.sync.lease;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.sync.LeaseRenewal;
import io.helmdeck.model.sync.LeaseRenewed;
import io.helmdeck.model.sync.SyncExchange;
import io.helmdeck.model.sync.SyncExchanged;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * The worker's side of repo-service's lease API: report results and claim due repositories in one exchange
 * (ADR 0025), renew a lease, give one back. It runs on
 * the shared service client (ADR 0021) through {@link LeaseHttp}; statuses are values here, and 404/409 are outcomes.
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

    /**
     * Hands in finished results and claims more in one call (ADR 0025). The answer has one result per report, in
     * order, and the newly leased tasks; a refused report (lease lost, repository deleted) is a result, not a failure.
     */
    public Uni<SyncExchanged> exchange(SyncExchange exchange) {
        String what = "exchange of " + (exchange.reports() == null ? 0 : exchange.reports().size()) + " reports";
        return http.send(HttpMethod.POST, BASE + "/exchanges", JSON, http.toJson(exchange)).map(answer -> {
            if (answer.status() != 200) {
                throw http.unexpected(answer, what);
            }
            SyncExchanged answered = http.fromJson(answer, SyncExchanged.class, what);
            return new SyncExchanged(answered.results() == null ? List.of() : answered.results(),
                    answered.tasks() == null ? List.of() : answered.tasks());
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
}
