package io.helmdeck.release.lookup;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.helmdeck.release.kube.ReleaseIdentity;

/**
 * A read-only Kubernetes API on 127.0.0.1 (random port) for Helm's {@code lookup} during rendering. Requests under the
 * path of the render in progress ({@code /t/<token>/api/...}) are answered from that render's {@link LookupUpstream}
 * (the configured cluster, as the render's identity); requests under the idle token find nothing; anything else is
 * refused. The token is in the path because client-go sends no credentials to a plain-HTTP server. Only GET:
 * everything else is 405. A 403 from the cluster becomes "not found", so a chart reading what its identity may not
 * read renders as if the object did not exist. Logs never carry bodies (they may hold Secret values).
 */
final class LookupProxy implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LookupProxy.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** API paths a lookup needs: discovery, objects and lists; names as Kubernetes allows them. */
    private static final String SEGMENTS = "(/[A-Za-z0-9._:-]+)*";
    private static final String VERSION = "/v[0-9]+((alpha|beta)[0-9]+)?";
    private static final Pattern PATH = Pattern.compile("/version|/api|/api" + VERSION + SEGMENTS + "|/apis"
            + "|/apis/[a-z0-9.-]+(" + VERSION + SEGMENTS + ")?");
    private static final Pattern TOKEN_PREFIX = Pattern.compile("/t/([A-Za-z0-9_-]+)(/.*)?");

    private final HttpServer server;
    private final ExecutorService executor;
    private final String idleToken = newToken();
    private volatile Binding current;

    /** The render whose requests the proxy answers right now. */
    static final class Binding {
        private final String token;
        private final ReleaseIdentity identity;
        private final LookupUpstream upstream;
        private final AtomicInteger requests = new AtomicInteger();

        private Binding(String token, ReleaseIdentity identity, LookupUpstream upstream) {
            this.token = token;
            this.identity = identity;
            this.upstream = upstream;
        }

        /** Requests Helm made with this binding's token. */
        int requests() {
            return requests.get();
        }
    }

    private LookupProxy(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    static LookupProxy start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                runnable -> {
                    Thread thread = new Thread(runnable, "helmdeck-lookup-proxy");
                    thread.setDaemon(true);
                    return thread;
                });
        server.setExecutor(executor);
        LookupProxy proxy = new LookupProxy(server, executor);
        server.createContext("/", proxy::handle);
        server.start();
        LOG.debugf("lookup proxy listening on %s", proxy.url());
        return proxy;
    }

    String url() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** The server URL that finds nothing: what Helm is pointed at between renders that call lookup. */
    String idleServer() {
        return server(idleToken);
    }

    /** The server URL whose requests {@code binding} answers. */
    String server(Binding binding) {
        return server(binding.token);
    }

    private String server(String token) {
        return url() + "/t/" + token;
    }

    /** Makes {@code upstream} answer the requests bearing a new token, until {@link #unbind}. */
    Binding bind(ReleaseIdentity identity, LookupUpstream upstream) {
        Binding binding = new Binding(newToken(), identity, upstream);
        current = binding;
        return binding;
    }

    void unbind(Binding binding) {
        if (current == binding) {
            current = null;
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        java.util.regex.Matcher prefixed = TOKEN_PREFIX.matcher(String.valueOf(exchange.getRequestURI().getRawPath()));
        String token = prefixed.matches() ? prefixed.group(1) : null;
        String path = prefixed.matches() ? String.valueOf(prefixed.group(2)) : "-"; // never log the token
        LookupUpstream.Answer answer;
        String as = "-";
        try {
            if (!"GET".equals(method)) {
                exchange.getResponseHeaders().set("Allow", "GET");
                answer = LookupAnswers.status(405, "MethodNotAllowed", "this API is read-only");
            } else {
                Binding binding = current;
                if (binding != null && same(token, binding.token)) {
                    as = binding.identity.toString();
                    binding.requests.incrementAndGet();
                    answer = read(binding.upstream, path, exchange.getRequestURI().getRawQuery());
                } else if (same(token, idleToken)) {
                    // A render not known to call lookup called it after all (say, through tpl): it finds nothing.
                    as = "nobody";
                    answer = read(null, path, exchange.getRequestURI().getRawQuery());
                } else {
                    answer = LookupAnswers.status(401, "Unauthorized", "unknown token");
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warnf("lookup %s %s as %s failed: %s", method, path, as, e.getMessage());
            answer = LookupAnswers.status(502, "InternalError", "the cluster could not be read: " + e.getMessage());
        }
        LOG.debugf("lookup %s %s as %s: %d", method, path, as, answer.status());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(answer.body());
        }
    }

    private static LookupUpstream.Answer read(LookupUpstream upstream, String path, String query) throws IOException {
        if (path == null || !PATH.matcher(path).matches() || path.contains("/../") || path.endsWith("/..")
                || path.contains("/./") || path.endsWith("/.")) {
            return LookupAnswers.status(404, "NotFound", "not served");
        }
        if (query != null && query.matches("(^|.*&)watch=(true|1)(&.*|$)")) {
            return LookupAnswers.status(405, "MethodNotAllowed", "watch is not served");
        }
        if (upstream == null) {
            return LookupAnswers.nothing(path);
        }
        LookupUpstream.Answer answer = upstream.get(path);
        if (answer.status() == 403) {
            // As RBAC means it: what the identity may not read, the chart does not get to see, not even that it exists.
            return LookupAnswers.discoveredGroupVersion(path) != null ? LookupAnswers.nothing(path)
                    : LookupAnswers.status(404, "NotFound", "not found");
        }
        if (answer.status() == 401) {
            return LookupAnswers.status(502, "InternalError",
                    "the cluster refused Helmdeck's credentials (401)");
        }
        return answer;
    }

    private static boolean same(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
