package io.helmdeck.repo.config;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Keys that encrypt registry credentials at rest. */
@ConfigMapping(prefix = "helmdeck.crypto")
public interface CryptoConfig {

    /** Base64 of the 32-byte AES key used for new values. Required in prod. */
    Optional<String> key();

    /** Id stored beside each value so keys can rotate. */
    @WithDefault("k1")
    String keyId();

    /** Older keys still accepted for reading, as {@code id=base64key} entries. */
    Optional<List<String>> previousKeys();
}
