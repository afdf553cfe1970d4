package io.helmdeck.support.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 5, hostile input, the driver every service's hostile-input test runs: thousands of generated malformed and
 * boundary requests against the endpoints a service names. Whatever comes in: never a 5xx, every error is
 * problem+json, and a rejected request changes nothing stored (the service's tables are fingerprinted before and
 * after). Seeded: a failure names its seed ({@code -Dhelmdeck.fuzz.seed=...} replays it).
 */
public final class HostileRequestRun {

    /** The seed of this JVM's run; a service's fixture may use it to make its own stored data unique. */
    public static final long SEED = Long.getLong("helmdeck.fuzz.seed", System.nanoTime());
    private static final Logger LOG = Logger.getLogger(HostileRequestRun.class);
    private static final int REQUESTS = Integer.getInteger("helmdeck.fuzz.requests", 1500);
    /**
     * A fixed number of requests, not a time budget: a loaded machine makes the suite slower, never weaker (about
     * 20 s for 1,500 on an idle 2-core VM). The budget only stops a runaway run.
     */
    private static final long BUDGET_NANOS = 300_000_000_000L;

    /** One endpoint: its method, its path with {placeholders}, whether it takes a body, its query parameters. */
    public record Endpoint(String method, String template, boolean body, String... query) {
    }

    /**
     * What one service gives the run.
     *
     * @param endpoints every endpoint of the service, public and internal
     * @param placeholders each {placeholder} of the templates besides {tenant}, with the valid value the generator
     *        mangles ({name} is the record {@code ensureTarget} keeps alive)
     * @param fingerprintQuery one SQL query answering a single text that changes whenever the service's stored
     *        data does
     * @param ensureTarget recreates the record the generator aims at, for a tenant, when a generated DELETE
     *        removed it
     * @param otherServiceToken a valid token of a service that is not allowed to call this one
     */
    public record Service(List<Endpoint> endpoints, Map<String, String> placeholders, String fingerprintQuery,
            Consumer<String> ensureTarget, Supplier<String> otherServiceToken) {
    }

    private final HostileInput input;
    private final Service service;

    public HostileRequestRun(HostileInput input, Service service) {
        this.input = input;
        this.service = service;
    }

    /** Sends the generated requests as {@code tenant}'s callers and fails with every broken promise it saw. */
    public void run(String tenant) throws Exception {
        List<String> failures = new ArrayList<>();
        Map<Integer, Integer> statuses = new TreeMap<>();
        int sent = 0;
        int raw = 0;
        int transportRejected = 0;
        long start = System.nanoTime();
        try (Connection db = DriverManager.getConnection(PostgresResource.jdbcUrl(), "postgres", "postgres")) {
            String baseline = null;
            long lastXid = 0;
            for (int i = 0; i < REQUESTS && System.nanoTime() - start < BUDGET_NANOS; i++) {
                if (i % 200 == 0) {
                    service.ensureTarget().accept(tenant);
                    baseline = fingerprint(db);
                    lastXid = transactionId(db);
                }
                Endpoint endpoint = input.pick(service.endpoints());
                String path = endpoint.template().replace("{tenant}", input.segment(tenant));
                for (Map.Entry<String, String> placeholder : service.placeholders().entrySet()) {
                    path = path.replace(placeholder.getKey(), input.segment(placeholder.getValue()));
                }
                Answer answer;
                try {
                    answer = send(endpoint, tenant, path);
                } catch (UncheckedIOException e) {
                    failures.add("seed " + SEED + " request " + i + ": " + endpoint.method() + " " + abbreviate(path)
                            + " got no HTTP answer: " + e.getMessage());
                    continue;
                }
                if (answer.raw()) {
                    raw++;
                }
                sent++;
                int status = answer.status();
                statuses.merge(status, 1, Integer::sum);
                String what = "seed " + SEED + " request " + i + ": " + endpoint.method() + " "
                        + abbreviate(path) + " -> " + status;
                if (status >= 500) {
                    failures.add(what + " " + abbreviate(answer.body()));
                }
                if (answer.raw() && status == 400 && answer.contentType() == null) {
                    // Vert.x refuses a request line that is not a valid URI (bad percent-escapes) itself, with an
                    // empty 400, before any handler of the application runs; nothing can have been stored.
                    transportRejected++;
                } else if (status >= 400 && !"HEAD".equals(endpoint.method())) {
                    String type = answer.contentType();
                    if (type == null || !type.startsWith("application/problem+json")) {
                        failures.add(what + " answered " + type + ": " + abbreviate(answer.body()));
                    } else if (!answer.body().contains("\"status\":" + status)) {
                        failures.add(what + " problem body does not say status " + status);
                    }
                }
                // Cheap first: no transaction id was assigned since the last look, so nothing was written. Only
                // when one was is the whole database fingerprinted (a rolled-back write changes nothing, either).
                long xid = transactionId(db);
                if (xid != lastXid + 1) {
                    String now = fingerprint(db);
                    if (status >= 400 && !now.equals(baseline)) {
                        failures.add(what + " changed stored data");
                    }
                    baseline = now;
                    xid = transactionId(db);
                }
                lastXid = xid;
            }
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        LOG.infof("hostile input: seed %d, %d requests in %d s (%d sent raw, %d refused by the HTTP layer), "
                + "statuses %s", SEED, sent, seconds, raw, transportRejected, statuses);
        // Written out whole: surefire's report cuts long assertion messages.
        Files.write(Path.of("target", "hostile-input-failures.txt"), failures);
        assertThat(failures).as("seed " + SEED + ", see target/hostile-input-failures.txt").isEmpty();
        assertThat(sent).as("requests the server answered").isGreaterThanOrEqualTo(Math.min(REQUESTS, 1000));
        assertThat(statuses.keySet()).as("the generator reached past the validation, too").contains(200, 400, 404);
    }

    /**
     * Sends one generated request: through REST Assured, or byte for byte over a socket when the client refuses
     * the URL (a bad percent-encoding is still something an attacker can send).
     */
    private Answer send(Endpoint endpoint, String tenant, String path) {
        Map<String, String> headers = new LinkedHashMap<>();
        int auth = input.between(0, 99);
        if (auth < 4) {
            headers.put(DefaultCredentials.ANONYMOUS, "true");
        } else if (auth < 7) {
            headers.put("Authorization", input.pick(List.of("Bearer", "Bearer ", "Basic Zm9vOmJhcg==", "bearer x",
                    "Bearer a.b.c", "Bearer " + "A".repeat(3000), "Bearer \u00e9")));
        } else if (auth < 9) {
            headers.put("Authorization", "Bearer " + Tokens.viewer(tenant));
        } else if (auth < 11) {
            headers.put("Authorization", "Bearer " + input.pick(List.of(Tokens.user("someone-else"),
                    service.otherServiceToken().get(), Tokens.releaseService(), Tokens.admin())));
        } else {
            headers.put("Authorization", "Bearer " + DefaultCredentials.tokenFor(endpoint.method(), endpoint.template()));
        }
        StringBuilder query = new StringBuilder();
        for (String name : endpoint.query()) {
            if (input.chance(40)) {
                query.append(query.length() == 0 ? "?" : "&").append(name).append('=').append(input.query());
            }
        }
        if (input.chance(15)) {
            headers.put("If-Match", input.ifMatch());
        }
        if (input.chance(10)) {
            headers.put("Accept", input.pick(List.of("text/html", "application/xml", "*/*", "application/json",
                    "application/problem+json", "garbage", "")));
        }
        if (input.chance(5)) {
            headers.put("X-Request-Id", input.string(input.between(1, 300)).replaceAll("[^\\x20-\\x7e]", "?"));
        }
        byte[] body = null;
        if (endpoint.body() || input.chance(5)) {
            headers.put("Content-Type", input.contentType());
            body = input.body();
        }
        String target = path + query;
        RequestSpecification request = given().urlEncodingEnabled(false).config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .headers(headers);
        if (body != null) {
            request.body(body);
        }
        try {
            Response response = request.request(endpoint.method(), target);
            return new Answer(response.statusCode(), response.contentType(), response.asString(), false);
        } catch (Exception refused) {
            // The client would not build this URL (e.g. %zz); the server must still cope with it.
            headers.remove(DefaultCredentials.ANONYMOUS);
            RawHttp.Answer answer = RawHttp.send(RestAssured.port, endpoint.method(), target, headers, body);
            return new Answer(answer.status(), answer.headers().get("content-type"), answer.body(), true);
        }
    }

    private String fingerprint(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery(service.fingerprintQuery())) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** Assigns (and so consumes) one transaction id: the next call answers exactly one more if nothing wrote. */
    private static long transactionId(Connection db) throws SQLException {
        try (Statement statement = db.createStatement();
                ResultSet rs = statement.executeQuery("select pg_current_xact_id()::text::bigint")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static String abbreviate(String text) {
        return text == null || text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    private record Answer(int status, String contentType, String body, boolean raw) {
    }
}
