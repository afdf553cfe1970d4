package io.helmdeck.sync.oci;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AuthChallengeTest {

    @Test
    void parsesABearerChallengeWithACommaInsideTheQuotedScope() {
        AuthChallenge c = AuthChallenge.parse("Bearer realm=\"https://auth.example.com/token\","
                + "service=\"registry.example.com\",scope=\"repository:org/chart:pull,push\"").orElseThrow();

        assertThat(c.isBearer()).isTrue();
        assertThat(c.realm()).isEqualTo("https://auth.example.com/token");
        assertThat(c.service()).isEqualTo("registry.example.com");
        assertThat(c.scope()).isEqualTo("repository:org/chart:pull,push");
    }

    @Test
    void parsesBasicCaseInsensitivelyAndUnquotedValues() {
        AuthChallenge c = AuthChallenge.parse("BASIC realm=helmdeck").orElseThrow();

        assertThat(c.isBasic()).isTrue();
        assertThat(c.realm()).isEqualTo("helmdeck");
    }

    @Test
    void missingHeaderGivesNothing() {
        assertThat(AuthChallenge.parse(null)).isEmpty();
        assertThat(AuthChallenge.parse("  ")).isEmpty();
    }
}
