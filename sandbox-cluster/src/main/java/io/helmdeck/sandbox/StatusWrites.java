package io.helmdeck.sandbox;

import java.net.HttpURLConnection;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** A controller's status write that lost a race (the object changed or went away) is simply retried on the next pass. */
final class StatusWrites {

    private StatusWrites() {
    }

    static void tryWrite(Runnable write) {
        try {
            write.run();
        } catch (KubernetesClientException e) {
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT && e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
                throw e;
            }
        }
    }
}
