package io.helmdeck.repo.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.helmdeck.repo.config.ServiceAuthConfig;

/** Service tokens identify their service exactly; a weak or shared configuration does not start. */
class ServiceTokensTest {

    private static final String WORKER = "sync-worker-token-0123456789";
    private static final String RELEASE = "release-service-token-0123456789";

    private static ServiceAuthConfig config(String worker, String release) {
        return new ServiceAuthConfig() {
            @Override
            public Optional<String> syncWorkerToken() {
                return Optional.ofNullable(worker);
            }

            @Override
            public Optional<String> releaseServiceToken() {
                return Optional.ofNullable(release);
            }
        };
    }

    @Test
    void eachTokenNamesItsServiceAndNothingElseMatches() {
        ServiceTokens tokens = new ServiceTokens(config(WORKER, RELEASE));
        assertThat(tokens.identify(WORKER)).contains(ServiceCaller.SYNC_WORKER);
        assertThat(tokens.identify(RELEASE)).contains(ServiceCaller.RELEASE_SERVICE);
        assertThat(tokens.identify(WORKER + "x")).isEmpty();
        assertThat(tokens.identify(WORKER.substring(1))).isEmpty();
        assertThat(tokens.identify("")).isEmpty();
        assertThat(tokens.identify(null)).isEmpty();
    }

    @Test
    void anUnconfiguredServiceIsRefused() {
        ServiceTokens tokens = new ServiceTokens(config(WORKER, null));
        assertThat(tokens.identify(RELEASE)).isEmpty();
        assertThat(tokens.identify(WORKER)).contains(ServiceCaller.SYNC_WORKER);
    }

    @Test
    void shortOrSharedTokensStopTheStart() {
        assertThatThrownBy(() -> new ServiceTokens(config("short", RELEASE))).hasMessageContaining("shorter");
        assertThatThrownBy(() -> new ServiceTokens(config(WORKER, WORKER))).hasMessageContaining("its own");
    }

    @Test
    void onlyTheBearerSchemeCarriesAToken() {
        assertThat(BearerToken.of("Bearer abc")).isEqualTo("abc");
        assertThat(BearerToken.of("bearer   abc ")).isEqualTo("abc");
        assertThat(BearerToken.of("Basic abc")).isNull();
        assertThat(BearerToken.of("Bearer ")).isNull();
        assertThat(BearerToken.of(null)).isNull();
    }
}
