package io.helmdeck.support.rest;

import java.util.List;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

import org.jboss.resteasy.reactive.common.util.MediaTypeHelper;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.helmdeck.model.ProblemException;
import io.quarkus.vertx.http.runtime.filters.Filters;

/**
 * Makes sure RESTEasy Reactive can parse {@code Accept} before any endpoint runs. RESTEasy parses it when it picks
 * the answer's media type, and for an endpoint that produces several types it does so after the endpoint ran: a
 * DELETE with an empty {@code Accept} deleted the repository and then answered 500 (found by
 * {@code RepoHostileInputTest}, seed 32693962900467). An empty {@code Accept} counts as none (any type); one that does
 * not parse is refused with 400, parsed here by RESTEasy's own parser so that what passes here parses there.
 */
@Singleton
public class AcceptHeaderFilter {

    /** Ahead of RESTEasy, on the request's own headers, which are what RESTEasy reads when it picks the type. */
    void emptyAcceptIsNone(@Observes Filters filters) {
        filters.register(context -> {
            List<String> accept = context.request().headers().getAll(HttpHeaders.ACCEPT);
            if (!accept.isEmpty() && accept.stream().allMatch(String::isBlank)) {
                context.request().headers().remove(HttpHeaders.ACCEPT);
            }
            context.next();
        }, 100);
    }

    @ServerRequestFilter(preMatching = true)
    public void checkAccept(ContainerRequestContext request) {
        List<String> values = request.getHeaders().get(HttpHeaders.ACCEPT);
        if (values == null) {
            return;
        }
        for (String value : values) {
            try {
                MediaTypeHelper.parseHeader(value);
            } catch (IllegalArgumentException e) {
                // The value is not echoed: it is the caller's input, and the problem names the header.
                throw ProblemException.badRequest("the Accept header is not a list of media types");
            }
        }
    }
}
