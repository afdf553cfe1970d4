package io.helmdeck.sandbox;

import java.util.Map;
import java.util.Queue;

import io.fabric8.kubernetes.client.server.mock.Resetable;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.internal.MockDispatcher;
import io.fabric8.mockwebserver.internal.SimpleRequest;

/**
 * Routes each request the way kube-apiserver's handler chain would: discovery, then authorization (impersonated
 * users, see {@link ImpersonationRbac}), then the object store, and shapes the answer as Go clients expect it
 * (collection kinds, {@code Content-Type}, Status bodies). Expectations recorded with
 * {@code server.expect()} come before the store, as in fabric8's {@code KubernetesMixedDispatcher}; that class
 * cannot be extended for this because its store is private and is the stock one (see {@link SandboxStore}).
 */
final class SandboxDispatcher extends Dispatcher implements Resetable {

    private final Map<ServerRequest, Queue<ServerResponse>> expectations;
    private final MockDispatcher expected;
    private final SandboxStore store;
    private final ApiDiscovery discovery;
    private final ImpersonationRbac rbac;
    private final CollectionResponses collections;

    SandboxDispatcher(Map<ServerRequest, Queue<ServerResponse>> expectations, SandboxStore store,
            ApiDiscovery discovery, ImpersonationRbac rbac, CollectionResponses collections) {
        this.expectations = expectations;
        this.expected = new MockDispatcher(expectations);
        this.store = store;
        this.discovery = discovery;
        this.rbac = rbac;
        this.collections = collections;
    }

    @Override
    public MockResponse dispatch(RecordedRequest request) {
        ApiPath path = ApiPath.parse(request.getPath());
        MockResponse response;
        try {
            response = route(request, path);
        } catch (RuntimeException e) {
            // Unanswered, the request would hang its client for ever: answer as an API server does, with a Status.
            response = StatusResponses.error(500, "InternalError", "the sandbox cluster failed on "
                    + request.getMethod() + " " + path.raw() + ": " + e);
        }
        if (response.getWebSocketListener() == null && response.getBody() != null
                && response.getHeaders().get("Content-Type") == null) {
            response.setHeader("Content-Type", StatusResponses.JSON);
        }
        return response;
    }

    private MockResponse route(RecordedRequest request, ApiPath path) {
        if (hasExpectation(request)) {
            return expected.dispatch(request);
        }
        if ("GET".equals(request.getMethod())) {
            switch (path.raw()) {
                case "/version":
                    return discovery.version();
                case "/", "":
                    return discovery.rootPaths();
                case "/healthz", "/livez", "/readyz":
                    return new MockResponse().setResponseCode(200).setHeader("Content-Type", "text/plain")
                            .setBody("ok");
                default:
                    break;
            }
            var answer = discovery.answer(path);
            if (answer.isPresent()) {
                return answer.get();
            }
        }
        if (request.getPath().startsWith("/openapi")) {
            // The store would answer an empty List; a 404 makes clients skip schema validation instead of failing it.
            return StatusResponses.notFound(path);
        }
        String contentType = request.getHeader("Content-Type");
        if (contentType != null && contentType.contains("protobuf")) {
            return StatusResponses.error(415, "UnsupportedMediaType", "the sandbox cluster reads JSON only, not "
                    + contentType);
        }
        var denied = rbac.check(request, path);
        if (denied.isPresent()) {
            return denied.get();
        }
        MockResponse stored = store.dispatch(request);
        if (stored.code() == 404 && (stored.getBody() == null || stored.getBody().size() == 0)) {
            return StatusResponses.notFound(path);
        }
        return collections.name(path, request.getMethod(), stored);
    }

    private boolean hasExpectation(RecordedRequest request) {
        Queue<ServerResponse> forMethod = expectations.get(new SimpleRequest(request.method(), request.getPath()));
        Queue<ServerResponse> anyMethod = expectations.get(new SimpleRequest(request.getPath()));
        return (forMethod != null && !forMethod.isEmpty()) || (anyMethod != null && !anyMethod.isEmpty());
    }

    @Override
    public void reset() {
        store.reset();
    }

    @Override
    public void shutdown() {
        expected.shutdown();
        super.shutdown();
    }
}
