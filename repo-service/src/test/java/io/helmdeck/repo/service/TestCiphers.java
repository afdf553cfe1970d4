package io.helmdeck.repo.service;

import java.util.List;
import java.util.Optional;

import io.helmdeck.repo.config.CryptoConfig;
import io.quarkus.runtime.LaunchMode;

/** Ciphers with the test profile's keys, or with just one of them, to seal and open stored values directly. */
public final class TestCiphers {

    /** Current key of the test profile (application.properties). */
    public static final String CURRENT_ID = "test-1";
    public static final String CURRENT_KEY = "dGVzdC1rZXktbm90LXNlY3JldC10ZXN0LWtleS0wMDA=";
    /** The previous key of the test profile. */
    public static final String PREVIOUS_ID = "test-0";
    public static final String PREVIOUS_KEY = "b2xkLXRlc3Qta2V5LW5vdC1zZWNyZXQtb2xkLWtleTA=";

    private TestCiphers() {
    }

    /** A cipher that knows only this one key. */
    public static SecretCipher only(String id, String key) {
        return new SecretCipher(config(key, id, null), LaunchMode.TEST);
    }

    /** A cipher with every key the test profile configures. */
    public static SecretCipher all() {
        return new SecretCipher(config(CURRENT_KEY, CURRENT_ID, List.of(PREVIOUS_ID + "=" + PREVIOUS_KEY)),
                LaunchMode.TEST);
    }

    private static CryptoConfig config(String key, String id, List<String> previous) {
        return new CryptoConfig() {
            @Override
            public Optional<String> key() {
                return Optional.ofNullable(key);
            }

            @Override
            public String keyId() {
                return id;
            }

            @Override
            public Optional<List<String>> previousKeys() {
                return Optional.ofNullable(previous);
            }
        };
    }
}
