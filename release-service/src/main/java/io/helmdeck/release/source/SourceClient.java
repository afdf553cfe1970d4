package io.helmdeck.release.source;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.client.ServiceAnswer;
import io.helmdeck.client.ServiceCallException;
import io.helmdeck.client.ServiceHttp;
import io.helmdeck.model.OciRepository;

/**
 * Looks up a release's source, an OCI repository of the same tenant, in repo-service. Blocking: call it from a
 * worker thread, never from the event loop.
 */
@ApplicationScoped
public class SourceClient {

    private final ServiceHttp repoService;

    public SourceClient(SourceHttp repoService) {
        this.repoService = repoService.http();
    }

    /** {@code GET /internal/v1/sources/{tenant}/{name}}: found, not found, or unavailable. Never throws. */
    public SourceLookup find(String tenant, String name) {
        try {
            ServiceAnswer answer = repoService.await(repoService.get(
                    ServiceHttp.path("internal", "v1", "sources", tenant, name), "application/json"));
            if (answer.status() == 404) {
                return new SourceLookup.NotFound();
            }
            if (answer.status() != 200) {
                return new SourceLookup.Unavailable(repoService.describe(answer));
            }
            OciRepository repository = repoService.readJson(answer, OciRepository.class);
            return new SourceLookup.Found(repository);
        } catch (ServiceCallException e) {
            // No answer, no answer in time, or one this service cannot read: all worth another try later.
            return new SourceLookup.Unavailable(e.getMessage());
        }
    }
}
