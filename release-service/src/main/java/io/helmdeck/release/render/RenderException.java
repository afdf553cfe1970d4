package io.helmdeck.release.render;

/** The chart cannot be rendered: a template error, an unmet kubeVersion, a broken archive. Message is for users. */
public class RenderException extends Exception {
    public RenderException(String message) {
        super(message);
    }

    public RenderException(String message, Throwable cause) {
        super(message, cause);
    }
}
