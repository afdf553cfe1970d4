package io.helmdeck.release.lookup;

import java.io.IOException;

/** Where the lookup proxy gets its answers for one render: the configured cluster as some identity, or nothing. */
interface LookupUpstream {

    /**
     * Reads {@code path} (already checked: {@code /api...}, {@code /apis...} or {@code /version}, no query).
     *
     * @throws IOException the cluster cannot be reached
     */
    Answer get(String path) throws IOException;

    /** An HTTP status and JSON body, as the Kubernetes API answers. */
    record Answer(int status, byte[] body) {
    }
}
