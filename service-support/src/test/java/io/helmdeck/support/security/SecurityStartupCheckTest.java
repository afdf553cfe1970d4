package io.helmdeck.support.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.api.Test;

/** prod refuses to start without a way to verify user tokens or a token of its own. */
class SecurityStartupCheckTest {

    @Test
    void namesEveryMissingSetting() {
        assertThat(SecurityStartupCheck.missing(true, Optional.empty(), Optional.empty(), Optional.empty()))
                .hasSize(2).anyMatch(m -> m.contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"))
                .anyMatch(m -> m.contains("HELMDECK_SERVICE_TOKEN"));
        assertThat(SecurityStartupCheck.missing(true, Optional.of(" "), Optional.empty(), Optional.of("t")))
                .singleElement().asString().contains("mp.jwt.verify.publickey.location");
    }

    @Test
    void aKeyLocationOrAnInlineKeyAndAServiceTokenAreEnough() {
        assertThat(SecurityStartupCheck.missing(true, Optional.of("file:/keys/public.pem"), Optional.empty(),
                Optional.of("token"))).isEmpty();
        assertThat(SecurityStartupCheck.missing(true, Optional.empty(), Optional.of("MIIB..."), Optional.of("token")))
                .isEmpty();
    }

    @Test
    void aServiceWithoutAUserApiNeedsOnlyItsServiceToken() {
        assertThat(SecurityStartupCheck.missing(false, Optional.empty(), Optional.empty(), Optional.of("token")))
                .isEmpty();
        assertThat(SecurityStartupCheck.missing(false, Optional.empty(), Optional.empty(), Optional.empty()))
                .singleElement().asString().contains("HELMDECK_SERVICE_TOKEN");
    }
}
