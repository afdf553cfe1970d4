package io.helmdeck.sync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An HTTP proxy in front of a test registry that records what the client really sent and can misbehave on demand:
 * answer 429, corrupt blob bodies, hide their length, or hang.
 */
public final class FaultProxy implements AutoCloseable {

    private static final Set<String> HOP_HEADERS = Set.of("connection", "content-length", "transfer-encoding",
            "host", "keep-alive", "upgrade", "expect", "date");

    private final HttpServer server;
    private final String upstream;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final List<String> requests = new ArrayList<>();
    private final AtomicInteger rateLimitRemaining = new AtomicInteger();
    private final AtomicInteger active = new AtomicInteger();
    private final AtomicInteger maxActive = new AtomicInteger();
    private volatile String retryAfter = "1";
    private volatile boolean corruptBlobs;
    private volatile boolean chunkedBlobs;
    private volatile long hangMillis;
    private volatile boolean hideDigestOnHead;
    private volatile TagPaging tagPaging = TagPaging.UPSTREAM;

    /**
     * How {@code /tags/list} is paged. Distribution 2.8 ignores {@code n} and {@code last} for tags, so the proxy
     * pages itself the way Distribution 3, Harbor or GHCR do.
     */
    public enum TagPaging {
        /** Pass the registry's answer through. */
        UPSTREAM,
        /** Honour {@code n} and {@code last} and announce the next page in a {@code Link} header. */
        LINK,
        /** Honour {@code n} and {@code last} but send no {@code Link} header. */
        LAST_ONLY
    }

    private FaultProxy(String upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    /** @param upstream e.g. {@code http://127.0.0.1:5000} */
    public static FaultProxy start(String upstream) throws IOException {
        return new FaultProxy(upstream);
    }

    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** "METHOD path" of every request received, in order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    public synchronized void clear() {
        requests.clear();
    }

    public void rateLimit(int times, String retryAfterHeader) {
        retryAfter = retryAfterHeader;
        rateLimitRemaining.set(times);
    }

    public void corruptBlobs(boolean value) {
        corruptBlobs = value;
    }

    /** Send blob bodies chunked, without Content-Length, so only the streamed size can give a size away. */
    public void chunkedBlobs(boolean value) {
        chunkedBlobs = value;
    }

    public void pageTags(TagPaging paging) {
        tagPaging = paging;
    }

    /** Answer manifest HEADs without {@code Docker-Content-Digest}, as some registries and proxies do. */
    public void hideDigestOnHead(boolean value) {
        hideDigestOnHead = value;
    }

    public void hang(long millis) {
        hangMillis = millis;
    }

    /** Most requests that were being handled at the same moment. */
    public int maxConcurrentRequests() {
        return maxActive.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        synchronized (this) {
            requests.add(method + " " + path);
        }
        maxActive.accumulateAndGet(active.incrementAndGet(), Math::max);
        // A request stops counting as active once its answer is ready, before it is sent: the client may start its
        // next request the moment the answer arrives, and counting that one while this thread has not yet reached
        // its finally block would report concurrency the client never caused.
        AtomicBoolean counted = new AtomicBoolean(true);
        Runnable answered = () -> {
            if (counted.getAndSet(false)) {
                active.decrementAndGet();
            }
        };
        try {
            if (hangMillis > 0) {
                Thread.sleep(hangMillis);
            }
            if (rateLimitRemaining.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                exchange.getResponseHeaders().set("Retry-After", retryAfter);
                answered.run();
                exchange.sendResponseHeaders(429, -1);
                return;
            }
            HttpRequest.Builder forward = HttpRequest.newBuilder(
                    URI.create(upstream + exchange.getRequestURI().toString())).timeout(Duration.ofSeconds(30));
            exchange.getRequestHeaders().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                    values.forEach(v -> forward.header(name, v));
                }
            });
            byte[] requestBody;
            try (InputStream in = exchange.getRequestBody()) {
                requestBody = in.readAllBytes();
            }
            forward.method(method, requestBody.length == 0 ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(requestBody));
            HttpResponse<byte[]> response = http.send(forward.build(), HttpResponse.BodyHandlers.ofByteArray());
            response.headers().map().forEach((name, values) -> {
                if (!HOP_HEADERS.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                    values.forEach(v -> exchange.getResponseHeaders().add(name, v));
                }
            });
            byte[] body = response.body();
            boolean blob = path.contains("/blobs/") && response.statusCode() == 200;
            if (blob && corruptBlobs && body.length > 0) {
                body = body.clone();
                body[body.length / 2] ^= 0x01;
            }
            if (path.endsWith("/tags/list") && response.statusCode() == 200 && tagPaging != TagPaging.UPSTREAM) {
                body = page(exchange, path, body);
            }
            if ("HEAD".equals(method)) {
                if (hideDigestOnHead) {
                    exchange.getResponseHeaders().remove("Docker-Content-Digest");
                }
                response.headers().firstValue("Content-Length")
                        .ifPresent(v -> exchange.getResponseHeaders().set("Content-Length", v));
                answered.run();
                exchange.sendResponseHeaders(response.statusCode(), -1);
                return;
            }
            long length = blob && chunkedBlobs ? 0 : (body.length == 0 ? -1 : body.length);
            answered.run();
            exchange.sendResponseHeaders(response.statusCode(), length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            // The client went away (e.g. it aborted an oversized download): nothing to answer.
        } finally {
            answered.run();
            exchange.close();
        }
    }

    private byte[] page(HttpExchange exchange, String path, byte[] body) throws IOException {
        var json = new com.fasterxml.jackson.databind.ObjectMapper();
        var root = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(body);
        List<String> all = new ArrayList<>();
        root.path("tags").forEach(t -> all.add(t.asText()));
        all.sort(null);
        java.util.Map<String, String> query = new java.util.HashMap<>();
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(kv[0], kv.length > 1 ? java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8) : "");
            }
        }
        int n = Integer.parseInt(query.getOrDefault("n", "1000"));
        String last = query.get("last");
        List<String> rest = all.stream().filter(t -> last == null || t.compareTo(last) > 0).toList();
        List<String> page = rest.subList(0, Math.min(n, rest.size()));
        var tags = root.putArray("tags");
        page.forEach(tags::add);
        if (tagPaging == TagPaging.LINK && rest.size() > page.size()) {
            exchange.getResponseHeaders().set("Link", "<" + path + "?last=" + page.get(page.size() - 1) + "&n=" + n
                    + ">; rel=\"next\"");
        }
        return json.writeValueAsBytes(root);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
