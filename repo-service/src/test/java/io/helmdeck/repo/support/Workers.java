package io.helmdeck.repo.support;

import static io.helmdeck.repo.support.RepoApi.json;

import java.util.ArrayList;
import java.util.List;

import io.restassured.path.json.JsonPath;

/** Plays a sync worker against the internal lease API. */
public final class Workers {

    private Workers() {
    }

    public static JsonPath claim(String worker, int max, int leaseSeconds) {
        return json().body("{\"worker\":\"" + worker + "\",\"max\":" + max + ",\"leaseSeconds\":" + leaseSeconds + "}")
                .post("/internal/v1/sync/claims").then().statusCode(200).extract().jsonPath();
    }

    /** Leases every due repository to a worker that never reports, so a test starts with nothing due. */
    public static void drainEverythingDue() {
        while (!claim("drain", 500, 3600).getList("tasks").isEmpty()) {
            // keep claiming
        }
    }

    /** Claims until nothing is due; returns the claimed repository ids of {@code tenant}. */
    public static List<Long> claimAll(String worker, String tenant, int batch, int leaseSeconds) {
        List<Long> ids = new ArrayList<>();
        while (true) {
            JsonPath page = claim(worker, batch, leaseSeconds);
            List<Object> tasks = page.getList("tasks");
            if (tasks.isEmpty()) {
                return ids;
            }
            ids.addAll(tasksOf(page, tenant));
        }
    }

    /** The repository ids of {@code tenant} among the tasks of a claim or exchange answer. */
    public static List<Long> tasksOf(JsonPath answer, String tenant) {
        List<Long> ids = new ArrayList<>();
        List<Object> tasks = answer.getList("tasks");
        for (int i = 0; i < tasks.size(); i++) {
            if (tenant.equals(answer.getString("tasks[" + i + "].tenant"))) {
                ids.add(answer.getLong("tasks[" + i + "].repositoryId"));
            }
        }
        return ids;
    }

    /**
     * One exchange (ADR 0025): {@code reports} maps repository ids to report bodies (from {@link #reportBody}),
     * {@code claim} is a claim body or null. Returns the 200 answer.
     */
    public static JsonPath exchange(java.util.Map<Long, String> reports, String claim) {
        return exchangeCall(reports, claim).then().statusCode(200).extract().jsonPath();
    }

    public static io.restassured.response.Response exchangeCall(java.util.Map<Long, String> reports, String claim) {
        StringBuilder body = new StringBuilder("{\"reports\":[");
        String separator = "";
        for (java.util.Map.Entry<Long, String> each : reports.entrySet()) {
            body.append(separator).append("{\"repositoryId\":").append(each.getKey()).append(",\"report\":")
                    .append(each.getValue()).append('}');
            separator = ",";
        }
        body.append(']').append(claim == null ? "" : ",\"claim\":" + claim).append('}');
        return json().body(body.toString()).post("/internal/v1/sync/exchanges");
    }

    public static String claimBody(String worker, int max, int leaseSeconds) {
        return "{\"worker\":\"" + worker + "\",\"max\":" + max + ",\"leaseSeconds\":" + leaseSeconds + "}";
    }

    public static io.restassured.response.Response report(long repositoryId, String body) {
        return json().body(body).post("/internal/v1/sync/leases/" + repositoryId + "/report");
    }

    /** A report body; {@code artifact} is raw JSON or null. */
    public static String reportBody(String worker, long specVersion, String outcome, String artifact, String reason,
            String message, Long retryAfter) {
        return "{\"worker\":\"" + worker + "\",\"specVersion\":" + specVersion + ",\"outcome\":\"" + outcome + "\""
                + (artifact == null ? "" : ",\"artifact\":" + artifact)
                + (reason == null ? "" : ",\"reason\":\"" + reason + "\"")
                + (message == null ? "" : ",\"message\":\"" + message + "\"")
                + ",\"durationMillis\":42"
                + (retryAfter == null ? "" : ",\"retryAfterSeconds\":" + retryAfter) + "}";
    }

    public static String artifactJson(String tag, String manifestHex, String layerDigest) {
        return "{\"revision\":\"" + tag + "@sha256:" + manifestHex + "\",\"digest\":\"" + layerDigest + "\","
                + "\"size\":1234,\"mediaType\":\"application/vnd.cncf.helm.chart.content.v1.tar+gzip\","
                + "\"lastUpdateTime\":\"2026-11-24T00:00:00Z\",\"chart\":{\"name\":\"podinfo\",\"version\":\"" + tag
                + "\",\"appVersion\":\"6.5.0\",\"description\":\"A chart\",\"type\":\"application\","
                + "\"dependencies\":[{\"name\":\"common\",\"version\":\"2.x.x\",\"repository\":\"oci://r/c\"}]}}";
    }
}
