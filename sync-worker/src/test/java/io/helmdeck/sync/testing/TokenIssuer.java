package io.helmdeck.sync.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A minimal token server for Distribution's {@code auth.token}: checks basic credentials and issues RS256 JWTs
 * signed by {@link TestPki} with the certificate in {@code x5c}, granting the requested {@code access}.
 */
public final class TokenIssuer implements AutoCloseable {

    public static final String SERVICE = "helmdeck-test-registry";
    public static final String ISSUER = "helmdeck-test-issuer";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final TestPki pki;
    private final String user;
    private final String password;
    private final AtomicInteger hits = new AtomicInteger();
    private final List<String> scopes = new ArrayList<>();
    private volatile boolean useAccessTokenField;

    private TokenIssuer(TestPki pki, String user, String password) throws IOException {
        this.pki = pki;
        this.user = user;
        this.password = password;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/token", this::handle);
        server.start();
    }

    public static TokenIssuer start(TestPki pki, String user, String password) throws IOException {
        return new TokenIssuer(pki, user, password);
    }

    public String realm() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/token";
    }

    public int hits() {
        return hits.get();
    }

    public synchronized List<String> scopes() {
        return List.copyOf(scopes);
    }

    /** Answer with {@code access_token} instead of {@code token}, as OAuth2-style servers do. */
    public void useAccessTokenField(boolean value) {
        useAccessTokenField = value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        hits.incrementAndGet();
        Map<String, String> query = parseQuery(exchange.getRequestURI().getRawQuery());
        synchronized (this) {
            scopes.add(query.getOrDefault("scope", ""));
        }
        String expected = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"details\":\"invalid credentials\"}");
            return;
        }
        try {
            String jwt = jwt(query.get("service"), query.getOrDefault("scope", ""));
            String field = useAccessTokenField ? "access_token" : "token";
            send(exchange, 200, JSON.writeValueAsString(Map.of(field, jwt, "expires_in", 300)));
        } catch (Exception e) {
            send(exchange, 500, "{}");
        }
    }

    /** A token as the server would issue it, for tests of static bearer credentials. */
    public String issue(String scope) throws Exception {
        return jwt(SERVICE, scope);
    }

    private String jwt(String service, String scope) throws Exception {
        long now = Instant.now().getEpochSecond();
        List<Map<String, Object>> access = new ArrayList<>();
        if (!scope.isEmpty()) {
            // repository:<name>:<actions>; the name itself has no colon in these tests.
            int first = scope.indexOf(':');
            int last = scope.lastIndexOf(':');
            access.add(Map.of("type", scope.substring(0, first), "name", scope.substring(first + 1, last),
                    "actions", List.of(scope.substring(last + 1).split(","))));
        }
        Map<String, Object> header = Map.of("typ", "JWT", "alg", "RS256",
                "x5c", List.of(Base64.getEncoder().encodeToString(pki.certificate().getEncoded())));
        Map<String, Object> claims = new HashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", user);
        claims.put("aud", service);
        claims.put("exp", now + 300);
        claims.put("nbf", now - 10);
        claims.put("iat", now - 10);
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("access", access);
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString(JSON.writeValueAsBytes(header)) + "."
                + b64.encodeToString(JSON.writeValueAsBytes(claims));
        Signature signature = Signature.getInstance("SHA256withRSA");
        signature.initSign(pki.key());
        signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64.encodeToString(signature.sign());
    }

    private static Map<String, String> parseQuery(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                query.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return query;
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
