package io.helmdeck.release.source;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.helmdeck.model.OciRepository;

/**
 * Looks up a release's source, an OCI repository of the same tenant, in repo-service. Blocking: call it from a
 * worker thread, never from the event loop.
 */
@ApplicationScoped
public class SourceClient {

    private final SourceHttp repoService;

    public SourceClient(SourceHttp repoService) {
        this.repoService = repoService;
    }

    /** {@code GET /internal/v1/sources/{tenant}/{name}}: found, not found, or unavailable. Never throws. */
    public SourceLookup find(String tenant, String name) {
        var request = repoService.get("application/json", "sources", tenant, name).build();
        HttpResponse<String> response;
        try {
            response = repoService.client().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new SourceLookup.Unavailable("repo-service did not answer in time at " + repoService.baseUrl());
        } catch (IOException e) {
            return new SourceLookup.Unavailable("repo-service is unreachable at " + repoService.baseUrl() + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new SourceLookup.Unavailable("interrupted while asking repo-service");
        }
        int status = response.statusCode();
        if (status == 404) {
            return new SourceLookup.NotFound();
        }
        if (status != 200) {
            return new SourceLookup.Unavailable(repoService.describe(status, response.body()));
        }
        try {
            OciRepository repository = repoService.json().readValue(response.body(), OciRepository.class);
            if (repository == null) {
                return new SourceLookup.Unavailable("repo-service answered 200 with an empty body");
            }
            return new SourceLookup.Found(repository);
        } catch (JsonProcessingException e) {
            return new SourceLookup.Unavailable("repo-service answered an OCI repository this service cannot read: "
                    + e.getOriginalMessage());
        }
    }
}
