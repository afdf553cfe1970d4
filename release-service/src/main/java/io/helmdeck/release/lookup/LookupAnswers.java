package io.helmdeck.release.lookup;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Kubernetes-shaped answers the lookup proxy makes itself (discovery when there is no cluster, errors). */
final class LookupAnswers {

    /** Kubernetes API versions: v1, v2beta1, v1alpha3. Helm asks for {@code /api/<name>} when discovery found nothing. */
    private static final String VERSION = "(v[0-9]+(?:(?:alpha|beta)[0-9]+)?)";
    private static final Pattern CORE_VERSION = Pattern.compile("/api/" + VERSION);
    private static final Pattern GROUP_VERSION = Pattern.compile("/apis/([a-z0-9.-]+)/" + VERSION);

    private LookupAnswers() {
    }

    /** The group/version a discovery path asks about ({@code v1}, {@code apps/v1}), or {@code null}. */
    static String discoveredGroupVersion(String path) {
        Matcher core = CORE_VERSION.matcher(path);
        if (core.matches()) {
            return core.group(1);
        }
        Matcher group = GROUP_VERSION.matcher(path);
        return group.matches() ? group.group(1) + "/" + group.group(2) : null;
    }

    /**
     * What a cluster without any readable object answers: discovery knows no resources (so Helm's {@code lookup}
     * asks for nothing it could find) and every object is not found, which Helm turns into an empty result as
     * {@code helm template} gives.
     */
    static LookupUpstream.Answer nothing(String path) {
        String groupVersion = discoveredGroupVersion(path);
        if (groupVersion != null) {
            return json(200, "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\""
                    + groupVersion + "\",\"resources\":[]}");
        }
        if (path.equals("/api")) {
            return json(200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":[]}");
        }
        if (path.equals("/apis")) {
            return json(200, "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}");
        }
        return status(404, "NotFound", "not found");
    }

    /** A Kubernetes {@code Status} failure; {@code message} must never carry object data. */
    static LookupUpstream.Answer status(int code, String reason, String message) {
        return json(code, "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\","
                + "\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\",\"reason\":\""
                + reason + "\",\"code\":" + code + "}");
    }

    private static LookupUpstream.Answer json(int code, String body) {
        return new LookupUpstream.Answer(code, body.getBytes(StandardCharsets.UTF_8));
    }
}
