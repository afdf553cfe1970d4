package io.helmdeck.sync.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.helmdeck.model.sync.ClaimRequest;
import io.helmdeck.model.sync.ClaimResponse;
import io.helmdeck.model.sync.LeaseRenewal;
import io.helmdeck.model.sync.LeaseRenewed;
import io.helmdeck.model.sync.LeaseReport;
import io.helmdeck.model.sync.ReportDelivery;
import io.helmdeck.model.sync.ReportResult;
import io.helmdeck.model.sync.SyncExchange;
import io.helmdeck.model.sync.SyncExchanged;
import io.helmdeck.model.sync.SyncReport;
import io.helmdeck.model.sync.SyncTask;
import io.helmdeck.model.value.Digest;
import io.helmdeck.support.testing.Contracts;
import io.helmdeck.sync.config.LeaseApiConfig;
import io.helmdeck.sync.lease.ArtifactStoreClient;
import io.helmdeck.sync.lease.LeaseClient;
import io.helmdeck.sync.lease.LeaseHttp;

/**
 * A test double of repo-service's internal API, honest where the worker relies on it: claims hand each due
 * repository to one worker at a time (what {@code FOR UPDATE SKIP LOCKED} gives), renewals and reports are refused
 * with 409 when the lease belongs to someone else, and the artifact store rejects bytes that do not hash to their
 * digest with 422. Like repo-service (ADR 0013) it answers 401 to any request without the sync worker's service
 * token, so a client that forgets the header fails its test. Everything it receives is recorded.
 */
public final class LeaseApiDouble implements AutoCloseable {

    private static final Pattern LEASE = Pattern.compile("/internal/v1/sync/leases/(\\d+)/(renew|report)");
    private static final String EXCHANGES = "/internal/v1/sync/exchanges";
    private static final Pattern ARTIFACT = Pattern.compile("/internal/v1/artifacts/(sha256:[a-f0-9]{64})");

    /** The sync worker's service token the double expects; {@link #http()} wires clients with it. */
    public static final String TOKEN = "sync-worker-token-for-tests";

    /** The same JSON settings as Quarkus's ObjectMapper: ISO-8601 instants, unknown fields ignored. */
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /** A stored blob. */
    public record Stored(byte[] content, String mediaType) {
    }

    /** One report as received, with the answer given. */
    public record Received(long repositoryId, SyncReport report, int status) {
    }

    private static final class Lease {
        final SyncTask task;
        boolean due = true;
        String owner;
        Instant expires = Instant.MIN;

        Lease(SyncTask task) {
            this.task = task;
        }
    }

    private final HttpServer server;
    private final Map<Long, Lease> repositories = new TreeMap<>();
    private final Map<String, Stored> artifacts = new ConcurrentHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private final List<String> claims = new ArrayList<>();
    private final List<String> renewals = new ArrayList<>();
    private final List<Received> reports = new ArrayList<>();
    private volatile int reportStatus;
    private volatile int claimStatus;

    private LeaseApiDouble() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public static LeaseApiDouble start() throws IOException {
        return new LeaseApiDouble();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    // --- wiring the worker's clients to it ---

    public LeaseHttp http() {
        return http(Optional.of(TOKEN));
    }

    /** A client that sends {@code token} (or none) as its service token. */
    public LeaseHttp http(Optional<String> token) {
        String url = url();
        return new LeaseHttp(TestClients.vertx(), new LeaseApiConfig() {
            @Override
            public String url() {
                return url;
            }

            @Override
            public Duration timeout() {
                return Duration.ofSeconds(10);
            }
        }, () -> token, JSON);
    }

    public ArtifactStoreClient artifactStore() {
        return new ArtifactStoreClient(http());
    }

    public LeaseClient leaseClient() {
        return new LeaseClient(http());
    }

    // --- state and records ---

    public synchronized void addDue(SyncTask task) {
        repositories.put(task.repositoryId(), new Lease(task));
    }

    /** Gives the lease to another worker, as repo-service does after the TTL when someone else claims. */
    public synchronized void stealLease(long repositoryId, String worker) {
        Lease lease = repositories.get(repositoryId);
        lease.owner = worker;
        lease.expires = Instant.now().plusSeconds(60);
    }

    /** Answer every report with this status (0: behave normally). */
    public void answerReportsWith(int status) {
        reportStatus = status;
    }

    /** Answer every claim with this status (0: behave normally). */
    public void answerClaimsWith(int status) {
        claimStatus = status;
    }

    public Map<String, Stored> artifacts() {
        return Map.copyOf(artifacts);
    }

    /** "METHOD path" of every request, in order. */
    public synchronized List<String> requests() {
        return List.copyOf(requests);
    }

    /** "METHOD path" of every request refused with 401 for a missing or wrong service token. */
    public synchronized List<String> refused() {
        return List.copyOf(refused);
    }

    public synchronized long count(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.startsWith(method + " " + pathPrefix)).count();
    }

    /** "worker repositoryId" per repository handed out by a claim. */
    public synchronized List<String> claims() {
        return List.copyOf(claims);
    }

    /** "worker repositoryId" per renewal granted. */
    public synchronized List<String> renewals() {
        return List.copyOf(renewals);
    }

    public synchronized List<Received> reports() {
        return List.copyOf(reports);
    }

    // --- HTTP ---

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        synchronized (this) {
            requests.add(method + " " + path);
        }
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        if (!("Bearer " + TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            synchronized (this) {
                refused.add(method + " " + path);
            }
            try {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"helmdeck\"");
                if ("HEAD".equals(method)) {
                    exchange.sendResponseHeaders(401, -1);
                } else {
                    problem(exchange, 401, "this endpoint needs the sync worker's service token");
                }
            } finally {
                exchange.close();
            }
            return;
        }
        try {
            Matcher lease = LEASE.matcher(path);
            Matcher artifact = ARTIFACT.matcher(path);
            String breach = breach(method, path, lease, body);
            if (breach != null) {
                // As repo-service would refuse a body it cannot read: a worker drifting from the contract fails here.
                problem(exchange, 400, breach);
            } else if ("POST".equals(method) && EXCHANGES.equals(path)) {
                exchange(exchange, JSON.readValue(body, SyncExchange.class));
            } else if ("POST".equals(method) && "/internal/v1/sync/claims".equals(path)) {
                claim(exchange, JSON.readValue(body, ClaimRequest.class));
            } else if ("POST".equals(method) && lease.matches() && "renew".equals(lease.group(2))) {
                renew(exchange, Long.parseLong(lease.group(1)), JSON.readValue(body, LeaseRenewal.class));
            } else if ("POST".equals(method) && lease.matches()) {
                report(exchange, Long.parseLong(lease.group(1)), JSON.readValue(body, SyncReport.class));
            } else if ("HEAD".equals(method) && artifact.matches()) {
                exchange.sendResponseHeaders(artifacts.containsKey(artifact.group(1)) ? 200 : 404, -1);
            } else if ("PUT".equals(method) && artifact.matches()) {
                storeArtifact(exchange, artifact.group(1), body);
            } else {
                problem(exchange, 404, "no such endpoint: " + method + " " + path);
            }
        } catch (RuntimeException | IOException e) {
            problem(exchange, 400, "cannot read the request: " + e.getMessage());
        } finally {
            exchange.close();
        }
    }

    /**
     * As repo-service does (ADR 0025): the reports first, each answered in the body; then the claim. A status set
     * with {@link #answerClaimsWith} fails an exchange that claims, one set with {@link #answerReportsWith} that is
     * not 404 or 409 fails an exchange that reports, before anything changes.
     */
    private void exchange(HttpExchange exchange, SyncExchange request) throws IOException {
        List<LeaseReport> sent = request.reports() == null ? List.of() : request.reports();
        if (claimStatus != 0 && request.claim() != null) {
            problem(exchange, claimStatus, "claims are switched off");
            return;
        }
        int failWith = reportStatus == 404 || reportStatus == 409 ? 0 : reportStatus;
        if (failWith != 0 && !sent.isEmpty()) {
            synchronized (this) {
                sent.forEach(r -> reports.add(new Received(r.repositoryId(), r.report(), failWith)));
            }
            problem(exchange, failWith, "reports are switched off");
            return;
        }
        List<ReportResult> results = new ArrayList<>();
        for (LeaseReport r : sent) {
            int status = applyReport(r.repositoryId(), r.report());
            results.add(new ReportResult(r.repositoryId(), switch (status) {
                case 404 -> ReportDelivery.RepositoryGone;
                case 409 -> ReportDelivery.LeaseLost;
                default -> ReportDelivery.Accepted;
            }));
        }
        List<SyncTask> granted = request.claim() == null ? List.of() : grant(request.claim());
        json(exchange, 200, new SyncExchanged(results, granted), "leases/exchanged.json");
    }

    private void claim(HttpExchange exchange, ClaimRequest request) throws IOException {
        if (claimStatus != 0) {
            problem(exchange, claimStatus, "claims are switched off");
            return;
        }
        json(exchange, 200, new ClaimResponse(grant(request)), "leases/claim-response.json");
    }

    private List<SyncTask> grant(ClaimRequest request) {
        List<SyncTask> granted = new ArrayList<>();
        Map<String, Integer> perRegistry = new java.util.HashMap<>();
        synchronized (this) {
            Instant now = Instant.now();
            repositories.values().stream()
                    .filter(l -> l.due && (l.owner == null || l.expires.isBefore(now)))
                    .sorted(Comparator.comparingLong(l -> l.task.repositoryId()))
                    .filter(l -> request.excludeRegistries() == null
                            || !request.excludeRegistries().contains(registryOf(l.task)))
                    // As repo-service's claim: at most maxPerRegistry of one registry.
                    .filter(l -> request.maxPerRegistry() == null
                            || perRegistry.merge(registryOf(l.task), 1, Integer::sum) <= request.maxPerRegistry())
                    .limit(request.max())
                    .forEach(l -> {
                        l.owner = request.worker();
                        l.expires = now.plusSeconds(request.leaseSeconds());
                        claims.add(request.worker() + " " + l.task.repositoryId());
                        granted.add(withLease(l.task, l.expires));
                    });
        }
        return granted;
    }

    private void renew(HttpExchange exchange, long id, LeaseRenewal renewal) throws IOException {
        Instant expires;
        synchronized (this) {
            Lease lease = repositories.get(id);
            if (lease == null) {
                problem(exchange, 404, "repository " + id + " does not exist");
                return;
            }
            if (!renewal.worker().equals(lease.owner)) {
                problem(exchange, 409, "lease of repository " + id + " is held by another worker");
                return;
            }
            lease.expires = Instant.now().plusSeconds(renewal.leaseSeconds());
            expires = lease.expires;
            renewals.add(renewal.worker() + " " + id);
        }
        json(exchange, 200, new LeaseRenewed(expires), "leases/renewed.json");
    }

    private void report(HttpExchange exchange, long id, SyncReport report) throws IOException {
        int status = applyReport(id, report);
        if (status == 204) {
            exchange.sendResponseHeaders(204, -1);
        } else {
            problem(exchange, status, "report of repository " + id + " refused");
        }
    }

    /** Applies one report as repo-service would and records it; the status its own endpoint would answer. */
    private int applyReport(long id, SyncReport report) {
        int status;
        synchronized (this) {
            Lease lease = repositories.get(id);
            if (reportStatus != 0) {
                status = reportStatus;
            } else if (lease == null) {
                status = 404;
            } else if (!report.worker().equals(lease.owner)) {
                status = 409;
            } else {
                status = 204;
                lease.owner = null;
                lease.due = false;
            }
            reports.add(new Received(id, report, status));
        }
        return status;
    }

    private void storeArtifact(HttpExchange exchange, String digest, byte[] body) throws IOException {
        if (!Digest.sha256Of(body).toString().equals(digest)) {
            problem(exchange, 422, "content does not hash to " + digest);
            return;
        }
        String mediaType = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean had = artifacts.putIfAbsent(digest, new Stored(body, mediaType)) != null;
        exchange.sendResponseHeaders(had ? 200 : 201, -1);
    }

    private static String registryOf(SyncTask task) {
        return io.helmdeck.model.value.OciUrl.parse(task.url()).registry();
    }

    private static SyncTask withLease(SyncTask t, Instant expires) {
        return new SyncTask(t.repositoryId(), t.tenant(), t.name(), t.specVersion(), t.url(), t.intervalSeconds(),
                t.ref(), t.layerSelector(), t.credentials(), t.insecure(), t.caCertificate(), t.timeout(),
                t.lastRevision(), t.observedVersion(), t.consecutiveFailures(), expires);
    }

    /**
     * How a request body breaks the shared contract (ADR 0015, {@code contracts/leases}, {@code contracts/reports})
     * that repo-service's {@code InternalApiContractTest} holds the real resources to, or null.
     */
    private static String breach(String method, String path, Matcher lease, byte[] body) {
        String contract = null;
        if ("POST".equals(method) && EXCHANGES.equals(path)) {
            contract = "leases/exchange.json";
        } else if ("POST".equals(method) && "/internal/v1/sync/claims".equals(path)) {
            contract = "leases/claim-request.json";
        } else if ("POST".equals(method) && lease.matches()) {
            contract = "renew".equals(lease.group(2)) ? "leases/renewal.json" : "reports/report.json";
        }
        if (contract == null) {
            return null;
        }
        String difference = Contracts.difference(new String(body, StandardCharsets.UTF_8), contract);
        return difference == null ? null : "request breaks contract " + contract + ": " + difference;
    }

    /** Answers {@code value}, which must itself conform to {@code contract}: the double cannot drift either. */
    private static void json(HttpExchange exchange, int status, Object value, String contract) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        Contracts.assertConforms(new String(bytes, StandardCharsets.UTF_8), contract);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static void problem(HttpExchange exchange, int status, String detail) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(Map.of("type", "about:blank", "status", status, "title",
                "Request failed", "detail", detail));
        exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
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
