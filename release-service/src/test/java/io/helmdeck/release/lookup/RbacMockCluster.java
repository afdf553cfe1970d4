package io.helmdeck.release.lookup;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * A fabric8 CRUD mock API server with what Helm's {@code lookup} needs and RBAC as a tenant's service account meets it:
 * it serves discovery for {@code /api/v1} (the CRUD mock has none) and answers 403 to a request that impersonates a
 * service account outside that account's namespace (or any other user). A dispatcher in front of the mock's own.
 */
public final class RbacMockCluster implements AutoCloseable {

    private static final Pattern NAMESPACED = Pattern.compile("^/api/v1/namespaces/([^/]+)/");
    private static final String SA_PREFIX = "system:serviceaccount:";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final List<Seen> requests = new ArrayList<>();

    /** A request as the cluster received it. */
    public record Seen(String method, String path, String impersonatedUser, int status) {
    }

    private RbacMockCluster() {
        Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
        KubernetesMixedDispatcher crud = new KubernetesMixedDispatcher(responses);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, new Rbac(crud), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
    }

    public static RbacMockCluster start() {
        return new RbacMockCluster();
    }

    /** A client with the cluster's own (unrestricted) identity. */
    public KubernetesClient client() {
        return client;
    }

    public String url() {
        return client.getMasterUrl().toString();
    }

    public RbacMockCluster secret(String namespace, String name, String key, String value) {
        client.secrets().inNamespace(namespace).resource(new SecretBuilder().withNewMetadata().withName(name)
                .withNamespace(namespace).endMetadata()
                .addToData(key, Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))).build())
                .create();
        synchronized (requests) {
            requests.clear(); // what the test set up is not what the code under test asked
        }
        return this;
    }

    public List<Seen> requests() {
        synchronized (requests) {
            return List.copyOf(requests);
        }
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }

    private final class Rbac extends Dispatcher {
        private final Dispatcher crud;

        Rbac(Dispatcher crud) {
            this.crud = crud;
        }

        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath().split("\\?", 2)[0];
            String user = request.getHeader("Impersonate-User");
            MockResponse response = answer(request, path, user);
            synchronized (requests) {
                requests.add(new Seen(request.getMethod(), path, user, response.code()));
            }
            return response;
        }

        private MockResponse answer(RecordedRequest request, String path, String user) {
            if (path.equals("/api/v1")) {
                return json(200, """
                        {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
                         {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]},
                         {"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap","verbs":["get","list"]},
                         {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace","verbs":["get","list"]}]}
                        """);
            }
            if (user != null) {
                Matcher namespaced = NAMESPACED.matcher(path);
                String own = user.startsWith(SA_PREFIX) ? user.substring(SA_PREFIX.length()).split(":", 2)[0] : null;
                if (own == null || !namespaced.find() || !namespaced.group(1).equals(own)) {
                    return json(403, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                            + "\"reason\":\"Forbidden\",\"code\":403,\"message\":\"" + user + " cannot get " + path
                            + "\"}");
                }
            }
            MockResponse response = crud.dispatch(request);
            response.setHeader("Content-Type", "application/json");
            return response;
        }

        private MockResponse json(int code, String body) {
            return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                    .setBody(body);
        }
    }
}
