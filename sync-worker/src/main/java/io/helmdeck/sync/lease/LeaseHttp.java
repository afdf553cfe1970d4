package io.helmdeck.sync.lease;

import java.util.Map;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.client.ServiceAnswer;
import io.helmdeck.client.ServiceCallException;
import io.helmdeck.client.ServiceEndpoint;
import io.helmdeck.client.ServiceHttp;
import io.helmdeck.sync.config.LeaseApiConfig;
import io.helmdeck.sync.config.ServiceTokenConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/**
 * The worker's one connection to repo-service's internal API: the shared client (ADR 0021) set up from
 * {@code helmdeck.repo-service.*} and this worker's service token ({@code helmdeck.service-token}, ADR 0013), one
 * pool of keep-alive connections for leases, reports and artifact uploads. Statuses come back as values (404 and 409
 * are outcomes {@link LeaseClient} branches on); a call without a usable answer, or an answer the caller did not
 * expect, fails with a {@link RepoServiceException} around the client's {@link ServiceCallException}, so the sync
 * loop's retry rule and the report's reason see one type.
 */
@ApplicationScoped
public class LeaseHttp {

    private static final Logger LOG = Logger.getLogger(LeaseHttp.class);

    private final ServiceHttp http;

    public LeaseHttp(Vertx vertx, LeaseApiConfig config, ServiceTokenConfig token, ObjectMapper json) {
        this.http = new ServiceHttp(vertx, new ServiceEndpoint("repo-service", config.url(), config.timeout(),
                token.serviceToken()), json);
        if (!http.hasToken()) {
            LOG.warn("helmdeck.service-token (HELMDECK_SERVICE_TOKEN) is not set: repo-service will refuse this "
                    + "worker's claims, reports and uploads");
        }
    }

    /** Sends {@code body} (may be null; a raw body carries its own Content-Type) to {@code path}. */
    Uni<ServiceAnswer> send(HttpMethod method, String path, Map<String, String> headers, Buffer body) {
        String call = method.name() + " " + path;
        return http.send(method, path, headers, body).onFailure(ServiceCallException.class).transform(failure -> {
            // The report of a failed sync names the call (which artifact, which lease); the wrapper's message says
            // it except when no connection could be made at all.
            ServiceCallException e = (ServiceCallException) failure;
            return e.getMessage() != null && e.getMessage().contains(path) ? new RepoServiceException(e)
                    : new RepoServiceException(call, e);
        });
    }

    Buffer toJson(Object value) {
        return http.toJson(value);
    }

    <T> T fromJson(ServiceAnswer answer, Class<T> type, String what) {
        try {
            return http.readJson(answer, type);
        } catch (ServiceCallException e) {
            throw new RepoServiceException(what, e);
        }
    }

    /** The failure for an answer the contract does not expect, with the problem's detail when there is one. */
    RepoServiceException unexpected(ServiceAnswer answer, String what) {
        return new RepoServiceException(http.unexpected(answer, what));
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
