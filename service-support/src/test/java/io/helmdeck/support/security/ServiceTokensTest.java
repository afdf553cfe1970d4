package io.helmdeck.support.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;


/** Service tokens identify their service exactly; a weak or shared configuration does not start. */
class ServiceTokensTest {

    private static final String WORKER = "sync-worker-token-0123456789";
    private static final String RELEASE = "release-service-token-0123456789";

    /** repo-service's callers, as its profile lists them. */
    private static Map<String, Optional<String>> config(String worker, String release) {
        Map<String, Optional<String>> tokens = new LinkedHashMap<>();
        tokens.put(ServiceNames.SYNC_WORKER, Optional.ofNullable(worker));
        tokens.put(ServiceNames.RELEASE_SERVICE, Optional.ofNullable(release));
        return tokens;
    }

    @Test
    void eachTokenNamesItsServiceAndNothingElseMatches() {
        ServiceTokens tokens = new ServiceTokens(config(WORKER, RELEASE));
        assertThat(tokens.identify(WORKER)).contains(ServiceNames.SYNC_WORKER);
        assertThat(tokens.identify(RELEASE)).contains(ServiceNames.RELEASE_SERVICE);
        assertThat(tokens.identify(WORKER + "x")).isEmpty();
        assertThat(tokens.identify(WORKER.substring(1))).isEmpty();
        assertThat(tokens.identify("")).isEmpty();
        assertThat(tokens.identify(null)).isEmpty();
    }

    @Test
    void anUnconfiguredServiceIsRefused() {
        ServiceTokens tokens = new ServiceTokens(config(WORKER, null));
        assertThat(tokens.identify(RELEASE)).isEmpty();
        assertThat(tokens.identify(WORKER)).contains(ServiceNames.SYNC_WORKER);
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
