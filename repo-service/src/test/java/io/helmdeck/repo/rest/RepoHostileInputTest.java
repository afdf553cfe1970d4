package io.helmdeck.repo.rest;

import static io.helmdeck.repo.support.RepoApi.base;
import static io.helmdeck.repo.support.RepoApi.json;
import static io.helmdeck.repo.support.RepoApi.newTenant;
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

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.helmdeck.support.testing.DefaultCredentials;
import io.helmdeck.support.testing.HostileInput;
import io.helmdeck.support.testing.PostgresResource;
import io.helmdeck.support.testing.RawHttp;
import io.helmdeck.support.testing.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Issue 5, hostile input: thousands of generated malformed and boundary requests against every endpoint, public
 * and internal. Whatever comes in: never a 5xx, every error is problem+json, and a rejected request changes
 * nothing stored (the whole database is fingerprinted before and after). Seeded: a failure names its seed.
 */
@QuarkusTest
class RepoHostileInputTest {

    private static final Logger LOG = Logger.getLogger(RepoHostileInputTest.class);
    private static final long SEED = Long.getLong("helmdeck.fuzz.seed", System.nanoTime());
    private static final int REQUESTS = Integer.getInteger("helmdeck.fuzz.requests", 1500);
    /**
     * A fixed number of requests, not a time budget: a loaded machine makes the suite slower, never weaker (about
     * 20 s for 1,500 on an idle 2-core VM). The budget only stops a runaway run.
     */
    private static final long BUDGET_NANOS = 300_000_000_000L;
    private static final String FINGERPRINT = """
            select md5(coalesce((select string_agg(t::text, '|' order by t.id) from oci_repository t), '')
              || coalesce((select string_agg(t::text, '|' order by t.repository_id) from oci_repository_status t), '')
              || coalesce((select string_agg(t::text, '|' order by t::text) from oci_repository_sync t), '')
              || coalesce((select string_agg(t.digest || ':' || t.size, '|' order by t.digest) from artifact t), ''))
            """;

    /** Every endpoint of the service; {tenant}, {name}, {digest} and {id} are filled with generated segments. */
    private static final List<Endpoint> ENDPOINTS = List.of(
            new Endpoint("GET", "/api/v1/tenants/{tenant}/oci-repositories", false, "limit", "cursor", "status", "q"),
            new Endpoint("POST", "/api/v1/tenants/{tenant}/oci-repositories", true),
            new Endpoint("POST", "/api/v1/tenants/{tenant}/oci-repositories:test", true),
            new Endpoint("GET", "/api/v1/tenants/{tenant}/oci-repositories/{name}", false),
            new Endpoint("PUT", "/api/v1/tenants/{tenant}/oci-repositories/{name}", true),
            new Endpoint("PATCH", "/api/v1/tenants/{tenant}/oci-repositories/{name}", true),
            new Endpoint("DELETE", "/api/v1/tenants/{tenant}/oci-repositories/{name}", false),
            new Endpoint("POST", "/api/v1/tenants/{tenant}/oci-repositories/{name}/sync", false),
            new Endpoint("GET", "/api/v1/tenants/{tenant}/oci-repositories/{name}/history", false, "limit"),
            new Endpoint("GET", "/api/v1/tenants/{tenant}/oci-repositories/{name}/tags", false),
            new Endpoint("GET", "/api/v1/artifacts/{digest}", false),
            new Endpoint("POST", "/api/v1/admin/credentials:rotate", false),
            new Endpoint("POST", "/internal/v1/sync/exchanges", true),
            new Endpoint("POST", "/internal/v1/sync/claims", true),
            new Endpoint("POST", "/internal/v1/sync/leases/{id}/renew", true),
            new Endpoint("POST", "/internal/v1/sync/leases/{id}/release", true),
            new Endpoint("POST", "/internal/v1/sync/leases/{id}/report", true),
            new Endpoint("HEAD", "/internal/v1/artifacts/{digest}", false),
            new Endpoint("PUT", "/internal/v1/artifacts/{digest}", true),
            new Endpoint("GET", "/internal/v1/artifacts/{digest}", false),
            new Endpoint("GET", "/internal/v1/sources/{tenant}/{name}", false));

    @Test
    void generatedHostileRequestsNeverCrashAlwaysAnswerProblemsAndNeverChangeStateWhenRejected() throws Exception {
        HostileInput input = new HostileInput(SEED);
        String tenant = newTenant();
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
                    ensureTarget(tenant);
                    baseline = fingerprint(db);
                    lastXid = transactionId(db);
                }
                Endpoint endpoint = input.pick(ENDPOINTS);
                String path = endpoint.template()
                        .replace("{tenant}", input.segment(tenant))
                        .replace("{name}", input.segment("target"))
                        .replace("{digest}", input.segment("sha256:" + "a".repeat(64)))
                        .replace("{id}", input.segment("1"));
                Answer answer;
                try {
                    answer = send(input, endpoint, tenant, path);
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

    /** Inputs the generator once found to crash the service, kept as fixed cases. */
    @Test
    void nulCharactersAndDoublyEscapedPathsAre400NotCrashes() {
        String tenant = newTenant();
        ensureTarget(tenant);
        String before = io.helmdeck.repo.support.RepositoryRows.dumpTenant(tenant);
        given().urlEncodingEnabled(false).queryParam("q", "a%00b").get(base(tenant)).then().statusCode(400)
                .contentType("application/problem+json");
        json().body("{\"name\":\"nul\",\"url\":\"oci://r.example.com/x\",\"description\":\"a\\u0000b\"}")
                .post(base(tenant)).then().statusCode(400).contentType("application/problem+json");
        given().contentType("application/merge-patch+json").body("{\"labels\":{\"a\":\"\\u0000\"}}")
                .patch(base(tenant) + "/target").then().statusCode(400).contentType("application/problem+json");
        given().urlEncodingEnabled(false).post("/api/v1/tenants/%25%1B%3A/oci-repositories/x/sync").then()
                .statusCode(400).contentType("application/problem+json");
        given().urlEncodingEnabled(false).get("/api/v1/tenants/" + tenant + "/oci-repositories/a%3Ab%25zz").then()
                .statusCode(400).contentType("application/problem+json");
        assertThat(io.helmdeck.repo.support.RepositoryRows.dumpTenant(tenant)).isEqualTo(before);
    }

    /**
     * Sends one generated request: through REST Assured, or byte for byte over a socket when the client refuses
     * the URL (a bad percent-encoding is still something an attacker can send).
     */
    private static Answer send(HostileInput input, Endpoint endpoint, String tenant, String path) {
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
                    Tokens.syncWorker(), Tokens.releaseService(), Tokens.admin())));
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

    /** The record the generator aims at, recreated when a generated DELETE removed it. */
    private static void ensureTarget(String tenant) {
        if (given().get(base(tenant) + "/target").statusCode() == 404) {
            json().body("{\"name\":\"target\",\"url\":\"oci://registry.example.com/charts/target\",\"auth\":{"
                    + "\"type\":\"basic\",\"username\":\"robot\",\"password\":\"fuzz-secret-" + SEED + "\"}}")
                    .post(base(tenant)).then().statusCode(201);
        }
    }

    private static String fingerprint(Connection db) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rs = statement.executeQuery(FINGERPRINT)) {
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

    private record Endpoint(String method, String template, boolean body, String... query) {
    }
}
