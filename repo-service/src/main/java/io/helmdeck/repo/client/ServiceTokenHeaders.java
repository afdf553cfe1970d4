package io.helmdeck.repo.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;

import org.eclipse.microprofile.rest.client.ext.ClientHeadersFactory;
import io.helmdeck.support.config.OwnServiceToken;


/** Adds repo-service's own service token to every call it makes to another service's internal API. */
@ApplicationScoped
public class ServiceTokenHeaders implements ClientHeadersFactory {

    private final OwnServiceToken token;

    public ServiceTokenHeaders(OwnServiceToken token) {
        this.token = token;
    }

    @Override
    public MultivaluedMap<String, String> update(MultivaluedMap<String, String> incoming,
            MultivaluedMap<String, String> outgoing) {
        MultivaluedMap<String, String> headers = new MultivaluedHashMap<>();
        // Without a token (dev, tests that do not set one) the call goes out bare and the receiver refuses it.
        token.get().ifPresent(value -> headers.putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + value));
        return headers;
    }
}
