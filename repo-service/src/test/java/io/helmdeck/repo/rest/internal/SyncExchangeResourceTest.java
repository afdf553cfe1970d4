package io.helmdeck.repo.rest.internal;

import static io.helmdeck.repo.support.RepoApi.base;
import static io.helmdeck.repo.support.RepoApi.createMinimal;
import static io.helmdeck.repo.support.RepoApi.newTenant;
import static io.helmdeck.repo.support.Workers.artifactJson;
import static io.helmdeck.repo.support.Workers.claimAll;
import static io.helmdeck.repo.support.Workers.claimBody;
import static io.helmdeck.repo.support.Workers.drainEverythingDue;
import static io.helmdeck.repo.support.Workers.exchange;
import static io.helmdeck.repo.support.Workers.exchangeCall;
import static io.helmdeck.repo.support.Workers.reportBody;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.helmdeck.repo.support.RepositoryRows;
import io.helmdeck.repo.support.ClaimRace;
import io.helmdeck.repo.support.Workers;
import io.helmdeck.support.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The batched exchange of ADR 0025: many results and a claim in one call, with the guarantees of the single calls
 * (PRODUCT.md §3): an unchanged result moves only the schedule, only the lease holder's result counts, leases stay
 * disjoint, and a worker that dies mid-batch loses nothing.
 */
@QuarkusTest
class SyncExchangeResourceTest {

    private static final String LAYER = "sha256:" + "1".repeat(64);
    private String tenant;

    @BeforeEach
    void nothingDue() {
        drainEverythingDue();
        tenant = newTenant();
    }

    /** Creates {@code count} repositories, leases them to {@code worker} and reports each Updated: all Ready. */
    private List<Long> readyRepositories(String prefix, int count, String worker) {
        IntStream.range(0, count).forEach(i -> createMinimal(tenant, prefix + i));
        // In creation order (ids grow with it), so ids.get(i) is prefix + i: claims come in due-time order, which the
        // schedule's jitter shuffles.
        List<Long> ids = claimAll(worker, tenant, 50, 60).stream().sorted().toList();
        assertThat(ids).hasSize(count);
        Map<Long, String> updated = new LinkedHashMap<>();
        ids.forEach(id -> updated.put(id, reportBody(worker, 0, "Updated",
                artifactJson("1.0.0", "b".repeat(64), LAYER), null, null, null)));
        assertThat(exchange(updated, null).getList("results.delivery", String.class))
                .containsOnly("Accepted").hasSize(count);
        return ids;
    }

    private static void forceDue(List<Long> ids) {
        ids.forEach(id -> Db.execute("update oci_repository_status set next_sync_at = now() - interval '1 second' "
                + "where repository_id = ?", id));
    }

    private static Map<Long, String> unchanged(List<Long> ids, String worker) {
        Map<Long, String> reports = new LinkedHashMap<>();
        ids.forEach(id -> reports.put(id, reportBody(worker, 0, "Unchanged", null, null, null, null)));
        return reports;
    }

    private List<Long> tasksOfTenant(JsonPath answer) {
        return Workers.tasksOf(answer, tenant);
    }

    @Test
    void unchangedResultsInOneExchangeMoveOnlyTheSchedule() {
        List<Long> ids = readyRepositories("steady-", 5, "w1");
        forceDue(ids);
        assertThat(tasksOfTenant(exchange(Map.of(), claimBody("w1", 50, 60)))).containsExactlyInAnyOrderElementsOf(ids);
        Map<Long, String> before = new LinkedHashMap<>();
        ids.forEach(id -> before.put(id, statusWithoutSchedule(id)));
        Instant sent = Instant.now();

        JsonPath answer = exchange(unchanged(ids, "w1"), null);

        assertThat(answer.getList("results.delivery", String.class)).containsOnly("Accepted").hasSize(5);
        assertThat(answer.getList("results.repositoryId", Long.class)).containsExactlyElementsOf(ids);
        for (long id : ids) {
            assertThat(statusWithoutSchedule(id)).as("status of %d apart from lease and schedule", id)
                    .isEqualTo(before.get(id));
            Instant next = Instant.parse(Db.column("select to_char(next_sync_at at time zone 'UTC', "
                    + "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"') from oci_repository_status where repository_id = ?", id)
                    .get(0));
            assertThat(Duration.between(sent, next).toSeconds()).isBetween(280L, 316L); // 05:00 ± 5 %
            assertThat(Db.column("select lease_owner from oci_repository_status where repository_id = ?", id))
                    .containsOnlyNulls();
        }
        // No history row for an unchanged sync: still only the first (Updated) one.
        given().get(base(tenant) + "/steady-0/history").then().body("items.size()", equalTo(1));
    }

    @Test
    void anExchangeAppliesWhatItMayAndSaysWhatItRefused() {
        List<Long> ids = readyRepositories("mixed-", 3, "w1");
        forceDue(ids);
        assertThat(tasksOfTenant(exchange(Map.of(), claimBody("w1", 50, 60)))).hasSize(3);
        long stolen = ids.get(1);
        long deleted = ids.get(2);
        Db.execute("update oci_repository_status set lease_owner = 'w2' where repository_id = ?", stolen);
        given().delete(base(tenant) + "/mixed-2").then().statusCode(204);
        String stolenBefore = wholeStatus(stolen);

        JsonPath answer = exchange(unchanged(ids, "w1"), null);

        assertThat(answer.getList("results.delivery", String.class))
                .containsExactly("Accepted", "LeaseLost", "RepositoryGone");
        assertThat(answer.getList("results.repositoryId", Long.class)).containsExactly(ids.get(0), stolen, deleted);
        assertThat(wholeStatus(stolen)).as("the row whose lease w1 lost").isEqualTo(stolenBefore);
        assertThat(Db.column("select lease_owner from oci_repository_status where repository_id = ?", ids.get(0)))
                .containsOnlyNulls();
    }

    @Test
    void aBadEntryRefusesTheWholeExchangeAndChangesNothing() {
        List<Long> ids = readyRepositories("strict-", 2, "w1");
        forceDue(ids);
        assertThat(tasksOfTenant(exchange(Map.of(), claimBody("w1", 50, 60)))).hasSize(2);
        String before = RepositoryRows.dumpTenant(tenant);
        Map<Long, String> reports = new LinkedHashMap<>();
        reports.put(ids.get(0), reportBody("w1", 0, "Unchanged", null, null, null, null));
        reports.put(ids.get(1), reportBody("w1", 0, "Updated", null, null, null, null)); // Updated without artifact

        exchangeCall(reports, claimBody("w1", 10, 60)).then().statusCode(400)
                .contentType("application/problem+json");
        exchangeCall(Map.of(ids.get(0), reportBody("w1", 0, "Unchanged", null, null, null, null)),
                claimBody("w1", 0, 60)).then().statusCode(400);

        assertThat(RepositoryRows.dumpTenant(tenant)).isEqualTo(before);
    }

    /**
     * Results and claim are one statement (ADR 0033), in which a reported row whose lease has just run out still
     * looks claimable: it must be reported, once, and not handed straight back as a new task.
     */
    @Test
    void aResultWhoseLeaseRanOutIsAppliedAndNotClaimedBackInTheSameExchange() throws InterruptedException {
        List<Long> ids = readyRepositories("late-", 3, "w1");
        forceDue(ids);
        assertThat(tasksOfTenant(exchange(Map.of(), claimBody("w1", 50, 1)))).hasSize(3);
        Thread.sleep(1300); // the leases end; no other worker took them meanwhile

        JsonPath answer = exchange(unchanged(ids, "w1"), claimBody("w1", 50, 60));

        assertThat(answer.getList("results.delivery", String.class)).containsOnly("Accepted").hasSize(3);
        assertThat(tasksOfTenant(answer)).isEmpty();
        for (long id : ids) {
            assertThat(Db.column("select lease_owner from oci_repository_status where repository_id = ?", id))
                    .containsOnlyNulls();
            assertThat(Db.column("select (next_sync_at > now() + interval '4 minutes')::text "
                    + "from oci_repository_status where repository_id = ?", id)).containsOnly("true");
        }
    }

    @Test
    void racingExchangesNeverShareARepository() {
        ClaimRace.assertNeverShared(tenant, this::exchanger);
    }

    /** A racer that in each round reports what it claimed the round before (first syncs: the full path) and claims 3. */
    private ClaimRace.Racer exchanger(String worker) {
        List<Long> last = new ArrayList<>();
        return () -> {
            Map<Long, String> reports = new LinkedHashMap<>();
            last.forEach(id -> reports.put(id, reportBody(worker, 0, "Unchanged", null, null, null, null)));
            JsonPath answer = exchange(reports, claimBody(worker, 3, 60));
            assertThat(answer.getList("results.delivery", String.class)).allMatch("Accepted"::equals);
            last.clear();
            last.addAll(tasksOfTenant(answer));
            return List.copyOf(last);
        };
    }

    @Test
    void leasesOfAWorkerThatDiedMidBatchAreClaimedByAnother() throws InterruptedException {
        List<Long> ids = readyRepositories("orphan-", 4, "w1");
        forceDue(ids);
        // The worker claims a batch with a short lease and dies before reporting any of it.
        // (5 s, so that on a loaded machine the second call still comes well before the lease ends.)
        assertThat(tasksOfTenant(exchange(Map.of(), claimBody("dies", 50, 5)))).hasSize(4);
        assertThat(tasksOfTenant(exchange(Map.of(), claimBody("survivor", 50, 60)))).isEmpty();
        Thread.sleep(5300);

        assertThat(tasksOfTenant(exchange(Map.of(), claimBody("survivor", 50, 60))))
                .containsExactlyInAnyOrderElementsOf(ids);
        // The dead worker's results, should they still arrive, no longer count; the survivor's do.
        assertThat(exchange(unchanged(ids, "dies"), null).getList("results.delivery", String.class))
                .containsOnly("LeaseLost").hasSize(4);
        assertThat(exchange(unchanged(ids, "survivor"), null).getList("results.delivery", String.class))
                .containsOnly("Accepted").hasSize(4);
    }

    private static String wholeStatus(long id) {
        return String.join("", Db.column("select row_to_json(s)::text from oci_repository_status s "
                + "where repository_id = ?", id));
    }

    private static String statusWithoutSchedule(long id) {
        return String.join("", Db.column("select row_to_json(x)::text from (select phase, conditions, artifact, "
                + "artifact_digest, artifact_revision, last_success_at, consecutive_failures, observed_version "
                + "from oci_repository_status where repository_id = ?) x", id));
    }
}
