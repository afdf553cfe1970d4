package io.helmdeck.client;

import java.nio.charset.StandardCharsets;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;

/**
 * What the other service answered: every status is a value here (404 and 409 are ordinary outcomes of several internal
 * APIs), never an exception; only a call that got no whole answer fails (see {@link ServiceCallException}).
 */
public record ServiceAnswer(int status, MultiMap headers, Buffer body) {

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public byte[] bytes() {
        return body == null ? new byte[0] : body.getBytes();
    }

    public String text() {
        return body == null ? "" : body.toString(StandardCharsets.UTF_8);
    }
}
