package io.helmdeck.model;

import java.util.List;

/**
 * A failure an API reports as RFC 9457 problem details ({@link Problem}), shared by the services so they answer
 * alike; each service's exception mapper turns it into the response. Messages never carry secret input.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Violation> violations;

    public ProblemException(int status, String type, String title, String detail, List<Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.title = title;
        this.violations = List.copyOf(violations);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "bad-request", "Bad request", detail, List.of());
    }

    /** Returns {@code body}, or fails with 400 when the request had none. */
    public static <T> T requireBody(T body) {
        if (body == null) {
            throw badRequest("a JSON body is required");
        }
        return body;
    }

    public static ProblemException tooLarge(long bytes, long limit) {
        return new ProblemException(413, "body-too-large", "Request body too large",
                "the body has " + bytes + " bytes; the limit is " + limit, List.of());
    }

    public static ProblemException invalidPath(List<Violation> violations) {
        return new ProblemException(400, "invalid-path", "Invalid path parameter",
                violations.size() == 1 ? violations.get(0).message() : violations.size() + " path parameters are invalid",
                violations);
    }

    public static ProblemException invalid(List<Violation> violations) {
        String detail = violations.size() == 1
                ? violations.get(0).field() + ": " + violations.get(0).message()
                : violations.size() + " fields are invalid";
        return new ProblemException(422, "validation", "Invalid request", detail, violations);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(404, "not-found", "Not found", what + " not found", List.of());
    }

    /** 401: no valid credential; the mapper adds the {@code WWW-Authenticate} challenge. */
    public static ProblemException unauthorized(String detail) {
        return new ProblemException(401, "unauthorized", "Unauthorized", detail, List.of());
    }

    /** 403: a known caller doing what its role does not allow (never used to hide another tenant: that is 404). */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(403, "forbidden", "Forbidden", detail, List.of());
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(409, "conflict", "Conflict", detail, List.of());
    }

    public static ProblemException preconditionFailed(String detail) {
        return new ProblemException(412, "precondition-failed", "Precondition failed", detail, List.of());
    }

    public int status() {
        return status;
    }

    /** Short slug of the problem type; the mapper turns it into a URI. */
    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public List<Violation> violations() {
        return violations;
    }
}
