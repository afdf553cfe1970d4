package io.helmdeck.sync.lease;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.value.Digest;
import io.helmdeck.sync.oci.VerifiedBlob;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;

/** repo-service's content-addressed artifact store: ask whether it has a blob, upload one it lacks. */
@ApplicationScoped
public class ArtifactStoreClient {

    static final String BASE = "/internal/v1/artifacts/";

    private final LeaseHttp http;

    public ArtifactStoreClient(LeaseHttp http) {
        this.http = http;
    }

    /** Whether repo-service already stores the blob with this digest. */
    public Uni<Boolean> has(Digest digest) {
        return http.send(HttpMethod.HEAD, BASE + digest, Map.of(), null).map(answer -> switch (answer.status()) {
            case 200, 204 -> true;
            case 404 -> false;
            default -> throw http.unexpected(answer, "HEAD artifact " + digest);
        });
    }

    /** Uploads a verified blob under its digest; repo-service checks the hash again and answers 422 on a mismatch. */
    public Uni<Void> put(VerifiedBlob blob, String mediaType) {
        Map<String, String> headers = Map.of("Content-Type", mediaType,
                "Accept", "application/json, application/problem+json");
        return http.send(HttpMethod.PUT, BASE + blob.digest(), headers, Buffer.buffer(blob.content()))
                .map(answer -> {
                    if (!answer.ok()) {
                        throw http.unexpected(answer, "upload of artifact " + blob.digest());
                    }
                    return null;
                });
    }
}
