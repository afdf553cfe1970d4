package io.helmdeck.support.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.Config;

import io.helmdeck.support.config.OwnServiceToken;
import io.helmdeck.support.config.ServiceProfile;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start in prod without the keys that make the API safe: SmallRye JWT would otherwise start and
 * answer every request with a 500, and the service could not call the others. A service without a user API
 * ({@code helmdeck.profile.user-api=false}) needs only its own service token.
 */
@Singleton
public class SecurityStartupCheck {

    void check(@Observes StartupEvent event, Config config, OwnServiceToken serviceToken, ServiceProfile profile) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        List<String> missing = missing(profile.userApi(),
                config.getOptionalValue("mp.jwt.verify.publickey.location", String.class),
                config.getOptionalValue("mp.jwt.verify.publickey", String.class), serviceToken.get());
        if (!missing.isEmpty()) {
            throw new IllegalStateException(profile.name() + " will not start without " + String.join(" and ", missing)
                    + " (see docs/security.md)");
        }
    }

    static List<String> missing(boolean userApi, Optional<String> keyLocation, Optional<String> inlineKey,
            Optional<String> serviceToken) {
        List<String> missing = new ArrayList<>();
        // A service without a user API (sync-worker) verifies no user token, so it needs no key.
        if (userApi && isBlank(keyLocation) && isBlank(inlineKey)) {
            missing.add("the users' token verification key: mp.jwt.verify.publickey.location "
                    + "(env MP_JWT_VERIFY_PUBLICKEY_LOCATION, a PEM file or JWKS URL)");
        }
        if (isBlank(serviceToken)) {
            missing.add("its own service token: helmdeck.service-token (env HELMDECK_SERVICE_TOKEN)");
        }
        return missing;
    }

    private static boolean isBlank(Optional<String> value) {
        return value.map(String::isBlank).orElse(true);
    }
}
