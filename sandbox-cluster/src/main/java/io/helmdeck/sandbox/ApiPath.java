package io.helmdeck.sandbox;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A Kubernetes API request path taken apart: {@code /api/v1/namespaces/team-a/secrets/x} or
 * {@code /apis/apps/v1/namespaces/team-a/deployments/web/status}. The query string is kept apart because discovery
 * and RBAC decisions never depend on it.
 *
 * @param group       API group, {@code ""} for the core group
 * @param version     API version, or {@code null} for {@code /api} and {@code /apis} and {@code /apis/<group>}
 * @param namespace   the namespace the request is made in, or {@code null} for a cluster-scoped request; for the
 *                    Namespace object itself ({@code /api/v1/namespaces/team-a}) it is that namespace, as in
 *                    Kubernetes' own request attributes
 * @param resource    plural resource name ({@code secrets}), or {@code null} for a discovery path
 * @param name        object name, or {@code null} for a collection
 * @param subresource {@code status}, {@code scale}, ... or {@code null}
 * @param query       the raw query string, or {@code ""}
 */
public record ApiPath(String raw, boolean api, String group, String version, String namespace, String resource,
        String name, String subresource, String query) {

    /** Parses a request path (with or without a query string). Paths outside {@code /api} and {@code /apis} give {@code api() == false}. */
    public static ApiPath parse(String requestPath) {
        String path = requestPath;
        String query = "";
        int q = path.indexOf('?');
        if (q >= 0) {
            query = path.substring(q + 1);
            path = path.substring(0, q);
        }
        List<String> segments = new ArrayList<>(Arrays.stream(path.split("/")).filter(s -> !s.isEmpty()).toList());
        if (segments.isEmpty() || !(segments.get(0).equals("api") || segments.get(0).equals("apis"))) {
            return new ApiPath(path, false, null, null, null, null, null, null, query);
        }
        String group;
        String version;
        int rest;
        if (segments.get(0).equals("api")) {
            group = "";
            version = segments.size() > 1 ? segments.get(1) : null;
            rest = 2;
        } else {
            group = segments.size() > 1 ? segments.get(1) : null;
            version = segments.size() > 2 ? segments.get(2) : null;
            rest = 3;
        }
        List<String> tail = segments.size() > rest ? segments.subList(rest, segments.size()) : List.of();
        if (tail.isEmpty()) {
            return new ApiPath(path, true, group, version, null, null, null, null, query);
        }
        boolean namespaceSubresource = group.isEmpty() && tail.size() == 3
                && (tail.get(2).equals("status") || tail.get(2).equals("finalize"));
        if (tail.get(0).equals("namespaces") && tail.size() >= 3 && !namespaceSubresource) {
            return new ApiPath(path, true, group, version, tail.get(1), tail.get(2), at(tail, 3), at(tail, 4), query);
        }
        String name = at(tail, 1);
        String namespace = tail.get(0).equals("namespaces") && group.isEmpty() ? name : null;
        return new ApiPath(path, true, group, version, namespace, tail.get(0), name, at(tail, 2), query);
    }

    private static String at(List<String> list, int index) {
        return list.size() > index ? list.get(index) : null;
    }

    /** Whether this is a discovery document ({@code /api}, {@code /api/v1}, {@code /apis}, {@code /apis/g}, {@code /apis/g/v}). */
    public boolean discovery() {
        return api && resource == null;
    }

    /** {@code group/version}, or just the version for the core group. */
    public String apiVersion() {
        return group == null || group.isEmpty() ? version : group + "/" + version;
    }

    /** Whether the query asks for a watch ({@code watch=true} or {@code watch=1}). */
    public boolean watch() {
        for (String parameter : query.split("&")) {
            if (parameter.equals("watch=true") || parameter.equals("watch=1")) {
                return true;
            }
        }
        return false;
    }
}
