package io.helmdeck.sandbox;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.http.MockResponse;

/** Error answers as a real API server gives them: a {@code v1 Status} object with a reason, as JSON. */
final class StatusResponses {

    static final String JSON = "application/json";
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private StatusResponses() {
    }

    static MockResponse forbidden(ApiPath path, String user, String verb) {
        String resource = path.subresource() == null ? path.resource() : path.resource() + "/" + path.subresource();
        String qualified = path.group().isEmpty() ? path.resource() : path.resource() + "." + path.group();
        String subject = path.name() == null ? qualified : qualified + " \"" + path.name() + "\"";
        String scope = path.namespace() == null ? "at the cluster scope"
                : "in the namespace \"" + path.namespace() + "\"";
        String message = subject + " is forbidden: User \"" + user + "\" cannot " + verb + " resource \"" + resource
                + "\" in API group \"" + path.group() + "\" " + scope;
        return respond(status(403, "Forbidden", message, path));
    }

    static MockResponse notFound(ApiPath path) {
        String qualified = path.resource() == null ? "the server could not find the requested resource"
                : (path.group().isEmpty() ? path.resource() : path.resource() + "." + path.group())
                        + (path.name() == null ? "" : " \"" + path.name() + "\"") + " not found";
        return respond(status(404, "NotFound", qualified, path));
    }

    /** Any other failure, without details. */
    static MockResponse error(int code, String reason, String message) {
        return respond(new StatusBuilder().withNewMetadata().endMetadata().withStatus("Failure").withMessage(message)
                .withReason(reason).withCode(code).build());
    }

    private static Status status(int code, String reason, String message, ApiPath path) {
        StatusBuilder status = new StatusBuilder().withNewMetadata().endMetadata()
                .withStatus("Failure").withMessage(message).withReason(reason).withCode(code);
        if (path.resource() != null) {
            status.withNewDetails().withName(path.name()).withGroup(path.group().isEmpty() ? null : path.group())
                    .withKind(path.resource()).endDetails();
        }
        return status.build();
    }

    private static MockResponse respond(Status status) {
        return new MockResponse().setResponseCode(status.getCode())
                .setHeader("Content-Type", JSON)
                .setBody(SERIALIZATION.asJson(status));
    }

    static MockResponse json(int code, Object body) {
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", JSON)
                .setBody(SERIALIZATION.asJson(body));
    }

    static KubernetesSerialization serialization() {
        return SERIALIZATION;
    }
}
