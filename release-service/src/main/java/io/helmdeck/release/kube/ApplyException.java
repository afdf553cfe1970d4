package io.helmdeck.release.kube;

/**
 * The cluster refused or failed an operation. The message names the object and the API server's answer; it is shown
 * to users in conditions and history, so it never carries secret values.
 */
public class ApplyException extends Exception {
    public ApplyException(String message) {
        super(message);
    }

    public ApplyException(String message, Throwable cause) {
        super(message, cause);
    }
}
