package io.helmdeck.repo.rest;

import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.RestResponse;

import io.helmdeck.repo.persistence.ArtifactEntity;
import io.vertx.core.buffer.Buffer;

/** The one way an artifact is answered, on the public and the internal API alike. */
public final class ArtifactResponses {

    private ArtifactResponses() {
    }

    /** The blob with its media type, or 304 when {@code ifNoneMatch} names it. Immutable, so cacheable for ever. */
    public static RestResponse<Buffer> of(ArtifactEntity artifact, String ifNoneMatch) {
        String etag = "\"" + artifact.digest + "\"";
        if (etag.equals(ifNoneMatch)) {
            return RestResponse.ResponseBuilder.<Buffer>notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return RestResponse.ResponseBuilder.ok(Buffer.buffer(artifact.content))
                .type(artifact.mediaType)
                .header(HttpHeaders.ETAG, etag)
                // private: the answer depends on the caller's token, so no shared cache may keep it for others.
                .header(HttpHeaders.CACHE_CONTROL, "private, max-age=31536000, immutable")
                .build();
    }
}
