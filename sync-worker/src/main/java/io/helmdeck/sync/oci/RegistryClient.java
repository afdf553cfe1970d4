package io.helmdeck.sync.oci;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.Reasons;
import io.helmdeck.model.value.Digest;
import io.helmdeck.sync.config.SyncConfig;
import io.helmdeck.sync.oci.RegistryTransport.Exchange;
import io.helmdeck.sync.oci.RegistryTransport.Response;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;

/**
 * A small, non-blocking client of the OCI Distribution API: exactly the calls a sync needs (resolve a tag, read a
 * manifest, list tags, download a blob), each bounded by a deadline, authenticated as the registry asks, retried on
 * {@code Retry-After}, and failing with a {@link RegistryException} whose reason can go straight into a status.
 */
@ApplicationScoped
public class RegistryClient {

    private static final Logger LOG = Logger.getLogger(RegistryClient.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Token responses are tiny; anything bigger is not a token endpoint. */
    private static final long MAX_TOKEN_RESPONSE = 1024 * 1024;
    private static final int MAX_TAG_PAGES = 10_000;
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,127}");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");

    private final RegistryTransport transport;
    private final TokenCache tokens;
    private final SyncConfig config;

    public RegistryClient(RegistryTransport transport, TokenCache tokens, SyncConfig config) {
        this.transport = transport;
        this.tokens = tokens;
        this.config = config;
    }

    /**
     * The digest a tag (or digest) points at, from one {@code HEAD} request when the registry sends
     * {@code Docker-Content-Digest}; otherwise the manifest is fetched and hashed.
     */
    public Uni<Digest> resolve(RegistryTarget target, String reference) {
        Deadline deadline = deadline(target);
        String url = manifestUrl(target, reference);
        Map<String, String> accept = Map.of("Accept", MediaTypes.MANIFEST_ACCEPT);
        return call(target, new Exchange(HttpMethod.HEAD, url, accept, 0), deadline).chain(head -> {
            if (!head.ok()) {
                return Uni.createFrom().failure(statusError(head, target, "manifest " + reference));
            }
            Optional<Digest> announced = parseDigest(head.header("Docker-Content-Digest"));
            if (announced.isPresent()) {
                return Uni.createFrom().item(announced.get());
            }
            return call(target, new Exchange(HttpMethod.GET, url, accept, config.maxManifestSize()), deadline)
                    .map(get -> {
                        if (!get.ok()) {
                            throw statusError(get, target, "manifest " + reference);
                        }
                        return new Digest("sha256", get.sha256Hex());
                    });
        });
    }

    /** The manifest stored under {@code digest}, verified against it. */
    public Uni<OciManifest> fetchManifest(RegistryTarget target, Digest digest) {
        Deadline deadline = deadline(target);
        requireSha256(digest, target);
        Exchange get = new Exchange(HttpMethod.GET, manifestUrl(target, digest.toString()),
                Map.of("Accept", MediaTypes.MANIFEST_ACCEPT), config.maxManifestSize());
        return call(target, get, deadline).map(response -> {
            if (!response.ok()) {
                throw statusError(response, target, "manifest " + digest);
            }
            verify(digest, response, target, "manifest");
            return ManifestParser.parse(digest, response.header("Content-Type"), response.body());
        });
    }

    /** Every tag of the repository, following pagination ({@code n}, {@code last} and {@code Link}). */
    public Uni<List<String>> listTags(RegistryTarget target) {
        Deadline deadline = deadline(target);
        String first = target.baseUrl() + "/v2/" + target.repository() + "/tags/list?n=" + config.tagsPageSize();
        return tagPage(target, first, new LinkedHashSet<>(), 1, deadline).map(List::copyOf);
    }

    /** Downloads a blob the manifest described, refusing it before download when its declared size is too big. */
    public Uni<VerifiedBlob> fetchBlob(RegistryTarget target, Descriptor descriptor, long maxBytes) {
        if (descriptor.size() > maxBytes) {
            return Uni.createFrom().failure(new RegistryException(Reasons.TOO_LARGE, "blob " + descriptor.digest()
                    + " of " + target.display() + " is " + descriptor.size() + " bytes, more than the limit of "
                    + maxBytes + " bytes"));
        }
        return fetchBlob(target, descriptor.digest(), maxBytes);
    }

    /** Streams a blob through SHA-256, aborting past {@code maxBytes} and rejecting content that does not match. */
    public Uni<VerifiedBlob> fetchBlob(RegistryTarget target, Digest digest, long maxBytes) {
        Deadline deadline = deadline(target);
        requireSha256(digest, target);
        Exchange get = new Exchange(HttpMethod.GET, target.baseUrl() + "/v2/" + target.repository() + "/blobs/"
                + digest, Map.of(), maxBytes);
        return call(target, get, deadline).map(response -> {
            if (!response.ok()) {
                throw statusError(response, target, "blob " + digest);
            }
            verify(digest, response, target, "blob");
            return new VerifiedBlob(digest, response.body());
        });
    }

    // --- pagination ---

    private Uni<LinkedHashSet<String>> tagPage(RegistryTarget target, String url, LinkedHashSet<String> seen,
            int page, Deadline deadline) {
        Exchange get = new Exchange(HttpMethod.GET, url, Map.of("Accept", "application/json"),
                config.maxManifestSize());
        return call(target, get, deadline).chain(response -> {
            if (!response.ok()) {
                return Uni.createFrom().failure(statusError(response, target, "tags"));
            }
            List<String> pageTags = new ArrayList<>();
            try {
                for (JsonNode tag : JSON.readTree(response.body()).path("tags")) {
                    pageTags.add(tag.asText());
                }
            } catch (IOException e) {
                return Uni.createFrom().failure(new RegistryException(Reasons.UNREACHABLE,
                        "tags list of " + target.display() + " is not valid JSON"));
            }
            boolean addedAny = seen.addAll(pageTags);
            String next = nextPage(target, response, pageTags);
            // A registry that ignores n/last would send the same page forever: stop when nothing new comes.
            if (next == null || !addedAny || page >= MAX_TAG_PAGES) {
                return Uni.createFrom().item(seen);
            }
            return tagPage(target, next, seen, page + 1, deadline);
        });
    }

    private String nextPage(RegistryTarget target, Response response, List<String> pageTags) {
        String link = response.header("Link");
        if (link != null) {
            Matcher m = NEXT_LINK.matcher(link);
            if (m.find()) {
                return URI.create(response.url()).resolve(m.group(1)).toString();
            }
            return null;
        }
        if (pageTags.size() >= config.tagsPageSize()) {
            return target.baseUrl() + "/v2/" + target.repository() + "/tags/list?n=" + config.tagsPageSize()
                    + "&last=" + encode(pageTags.get(pageTags.size() - 1));
        }
        return null;
    }

    // --- authentication and retries ---

    private Uni<Response> call(RegistryTarget target, Exchange exchange, Deadline deadline) {
        String scope = "repository:" + target.repository() + ":pull";
        return authorization(target, scope, deadline)
                .chain(auth -> attempt(target, exchange, scope, auth, false, 1, deadline));
    }

    /** What to send up front: static credentials, a cached token, or what this registry asked for last time. */
    private Uni<Authorization> authorization(RegistryTarget target, String scope, Deadline deadline) {
        RegistryCredentials credentials = target.credentials();
        if (credentials instanceof RegistryCredentials.Bearer bearer) {
            return Uni.createFrom().item(new Authorization("Bearer " + bearer.token(), false));
        }
        Optional<String> cached = tokens.get(tokenKey(target, scope));
        if (cached.isPresent()) {
            return Uni.createFrom().item(new Authorization("Bearer " + cached.get(), true));
        }
        Optional<AuthChallenge> known = tokens.challengeOf(target.registry());
        if (known.isPresent() && known.get().isBasic() && credentials instanceof RegistryCredentials.Basic basic) {
            return Uni.createFrom().item(new Authorization(basic.header(), false));
        }
        if (known.isPresent() && known.get().isBearer()) {
            // The remembered challenge named another repository's scope: ask for this one's.
            return fetchToken(target, known.get(), scope, scope, deadline)
                    .map(token -> new Authorization("Bearer " + token, false));
        }
        return Uni.createFrom().item(Authorization.NONE);
    }

    /** @param cachedToken the header carries a token from the cache, which may have been revoked early */
    private record Authorization(String header, boolean cachedToken) {
        static final Authorization NONE = new Authorization(null, false);
    }

    private Uni<Response> attempt(RegistryTarget target, Exchange exchange, String scope, Authorization auth,
            boolean reauthenticated, int attempt, Deadline deadline) {
        Map<String, String> headers = new LinkedHashMap<>(exchange.headers());
        if (auth.header() != null && !headers.containsKey("Authorization")) {
            headers.put("Authorization", auth.header());
        }
        Exchange sent = new Exchange(exchange.method(), exchange.url(), headers, exchange.maxBody());
        return transport.send(target, sent, deadline).chain(response -> {
            if (response.status() == 401) {
                return onUnauthorized(target, exchange, scope, auth, reauthenticated, attempt, deadline, response);
            }
            if (response.status() == 429 || response.status() == 503) {
                return onBusy(target, exchange, scope, auth, reauthenticated, attempt, deadline, response);
            }
            return Uni.createFrom().item(response);
        });
    }

    private Uni<Response> onUnauthorized(RegistryTarget target, Exchange exchange, String scope, Authorization auth,
            boolean reauthenticated, int attempt, Deadline deadline, Response response) {
        RegistryCredentials credentials = target.credentials();
        String what = exchange.method().name() + " " + RegistryTransport.pathOf(exchange.url()) + " on registry "
                + target.registry() + " answered 401";
        if (credentials instanceof RegistryCredentials.Bearer) {
            return Uni.createFrom().failure(new RegistryException(Reasons.AUTHENTICATION_FAILED,
                    what + ": the bearer token was rejected", 401));
        }
        Optional<AuthChallenge> challenge = AuthChallenge.parse(response.header("WWW-Authenticate"));
        if (auth.cachedToken()) {
            // A cached token can be revoked before its expiry: drop it and authenticate afresh, once.
            tokens.invalidate(tokenKey(target, scope));
        } else if (reauthenticated || auth.header() != null && challenge.map(AuthChallenge::isBasic).orElse(false)) {
            return Uni.createFrom().failure(new RegistryException(Reasons.AUTHENTICATION_FAILED,
                    what + (credentials instanceof RegistryCredentials.Anonymous
                            ? ": the repository needs credentials and none are configured"
                            : ": the credentials were refused for repository " + target.repository()),
                    401));
        }
        if (challenge.isEmpty()) {
            return Uni.createFrom().failure(new RegistryException(Reasons.AUTHENTICATION_FAILED,
                    what + " without a usable WWW-Authenticate challenge", 401));
        }
        AuthChallenge c = challenge.get();
        if (c.isBearer()) {
            tokens.rememberChallenge(target.registry(), c);
            String tokenScope = c.scope() != null ? c.scope() : scope;
            return fetchToken(target, c, tokenScope, scope, deadline).chain(token -> attempt(target, exchange, scope,
                    new Authorization("Bearer " + token, false), true, attempt, deadline));
        }
        if (c.isBasic()) {
            if (credentials instanceof RegistryCredentials.Basic basic) {
                tokens.rememberChallenge(target.registry(), c);
                return attempt(target, exchange, scope, new Authorization(basic.header(), false), true, attempt,
                        deadline);
            }
            return Uni.createFrom().failure(new RegistryException(Reasons.AUTHENTICATION_FAILED,
                    what + ": the registry wants basic credentials and none are configured", 401));
        }
        return Uni.createFrom().failure(new RegistryException(Reasons.AUTHENTICATION_FAILED,
                what + " with unsupported authentication scheme " + c.scheme(), 401));
    }

    private Uni<Response> onBusy(RegistryTarget target, Exchange exchange, String scope, Authorization auth,
            boolean reauthenticated, int attempt, Deadline deadline, Response response) {
        Optional<Duration> retryAfter = RetryAfter.parse(response.header("Retry-After"), Instant.now());
        Duration wait = retryAfter.orElse(Duration.ofSeconds(1));
        boolean canWait = attempt < config.retry().maxAttempts()
                && wait.compareTo(config.retry().maxDelay()) <= 0
                && wait.compareTo(deadline.remaining()) < 0;
        if (canWait) {
            LOG.debugf("registry %s answered %d to %s %s, retrying in %s", target.registry(), response.status(),
                    exchange.method(), RegistryTransport.pathOf(exchange.url()), wait);
            Uni<Void> pause = wait.isZero() ? Uni.createFrom().voidItem()
                    : Uni.createFrom().voidItem().onItem().delayIt().by(wait);
            return pause.chain(() -> attempt(target, exchange, scope, auth, reauthenticated, attempt + 1, deadline));
        }
        return Uni.createFrom().failure(new RegistryException(Reasons.RATE_LIMITED,
                exchange.method().name() + " " + RegistryTransport.pathOf(exchange.url()) + " on registry "
                        + target.registry() + " answered " + response.status() + " after " + attempt
                        + " attempt(s)" + retryAfter.map(d -> ", retry after " + d.toSeconds() + "s").orElse(""),
                response.status(), retryAfter.orElse(null), null));
    }

    /**
     * @param tokenScope the scope asked of the token endpoint
     * @param scope      the scope the token is cached under
     */
    private Uni<String> fetchToken(RegistryTarget target, AuthChallenge challenge, String tokenScope, String scope,
            Deadline deadline) {
        String realm = challenge.realm();
        if (realm == null || !(realm.startsWith("https://") || realm.startsWith("http://"))) {
            return Uni.createFrom().failure(new RegistryException(Reasons.AUTHENTICATION_FAILED, "registry "
                    + target.registry() + " asked for a token without a usable realm"));
        }
        StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? '&' : '?');
        if (challenge.service() != null) {
            url.append("service=").append(encode(challenge.service())).append('&');
        }
        url.append("scope=").append(encode(tokenScope));
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (target.credentials() instanceof RegistryCredentials.Basic basic) {
            headers.put("Authorization", basic.header());
        }
        Exchange get = new Exchange(HttpMethod.GET, url.toString(), headers, MAX_TOKEN_RESPONSE);
        String endpoint = RegistryTransport.hostOf(realm);
        return transport.send(target, get, deadline).map(response -> {
            if (response.status() == 401 || response.status() == 403) {
                throw new RegistryException(Reasons.AUTHENTICATION_FAILED, "token endpoint " + endpoint
                        + " of registry " + target.registry() + " refused "
                        + (target.credentials() instanceof RegistryCredentials.Anonymous ? "anonymous access"
                                : "the credentials")
                        + " for " + tokenScope + " (" + response.status() + ")", response.status());
            }
            if (!response.ok()) {
                throw new RegistryException(Reasons.AUTHENTICATION_FAILED, "token endpoint " + endpoint
                        + " of registry " + target.registry() + " answered " + response.status(), response.status());
            }
            JsonNode body;
            try {
                body = JSON.readTree(response.body());
            } catch (IOException e) {
                throw new RegistryException(Reasons.AUTHENTICATION_FAILED, "token endpoint " + endpoint
                        + " of registry " + target.registry() + " sent a response that is not JSON");
            }
            String token = body.path("token").asText("");
            if (token.isEmpty()) {
                token = body.path("access_token").asText("");
            }
            if (token.isEmpty()) {
                throw new RegistryException(Reasons.AUTHENTICATION_FAILED, "token endpoint " + endpoint
                        + " of registry " + target.registry() + " sent no token");
            }
            long expiresIn = body.path("expires_in").asLong(0);
            if (expiresIn <= 0) {
                expiresIn = config.defaultTokenTtl().toSeconds();
            }
            tokens.put(tokenKey(target, scope), token, expiresIn);
            return token;
        });
    }

    private static TokenCache.Key tokenKey(RegistryTarget target, String scope) {
        return new TokenCache.Key(target.registry(), scope, target.credentials().fingerprint());
    }

    // --- helpers ---

    private Deadline deadline(RegistryTarget target) {
        return Deadline.in(target.timeout() != null ? target.timeout() : config.timeout());
    }

    private static String manifestUrl(RegistryTarget target, String reference) {
        if (!TAG.matcher(reference).matches() && parseDigest(reference).isEmpty()) {
            throw new IllegalArgumentException("not a tag or digest: " + reference);
        }
        return target.baseUrl() + "/v2/" + target.repository() + "/manifests/" + reference;
    }

    private static Optional<Digest> parseDigest(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Digest.parse(value.trim()));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static void requireSha256(Digest digest, RegistryTarget target) {
        if (!"sha256".equals(digest.algorithm())) {
            throw new RegistryException(Reasons.DIGEST_MISMATCH, "digest " + digest + " of " + target.display()
                    + " uses algorithm " + digest.algorithm() + "; only sha256 can be verified");
        }
    }

    private static void verify(Digest expected, Response response, RegistryTarget target, String what) {
        if (!expected.hex().equalsIgnoreCase(response.sha256Hex())) {
            throw new RegistryException(Reasons.DIGEST_MISMATCH, what + " " + expected + " of " + target.display()
                    + " has content that hashes to sha256:" + response.sha256Hex(), response.status());
        }
    }

    static RegistryException statusError(Response response, RegistryTarget target, String what) {
        int status = response.status();
        String message = what + " of " + target.display() + ": registry answered " + status + errorDetail(response);
        return switch (status) {
            case 404 -> new RegistryException(Reasons.NOT_FOUND, message, status);
            case 401, 403 -> new RegistryException(Reasons.AUTHENTICATION_FAILED, message, status);
            case 429 -> new RegistryException(Reasons.RATE_LIMITED, message, status);
            default -> new RegistryException(Reasons.UNREACHABLE, message, status);
        };
    }

    /** The first error code and message of a Distribution error body, if any. */
    private static String errorDetail(Response response) {
        if (response.body() == null || response.body().length == 0) {
            return "";
        }
        try {
            JsonNode error = JSON.readTree(response.body()).path("errors").path(0);
            if (error.isMissingNode()) {
                return "";
            }
            return " (" + error.path("code").asText("") + ": " + error.path("message").asText("") + ")";
        } catch (IOException e) {
            return "";
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
