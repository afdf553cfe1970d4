package io.helmdeck.repo.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.helmdeck.repo.config.CryptoConfig;
import io.quarkus.runtime.LaunchMode;

class SecretCipherTest {

    private static final String KEY_A = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String KEY_B = Base64.getEncoder().encodeToString("bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb".getBytes());

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

    @Test
    void roundTripsWithAFreshNonceEachTime() {
        SecretCipher cipher = new SecretCipher(config(KEY_A, "a", null), LaunchMode.TEST);
        String one = cipher.encrypt("hunter2", "t/n");
        String two = cipher.encrypt("hunter2", "t/n");
        assertThat(one).startsWith("a:").doesNotContain("hunter2").isNotEqualTo(two);
        assertThat(cipher.decrypt(one, "t/n")).isEqualTo("hunter2");
        assertThat(cipher.decrypt(two, "t/n")).isEqualTo("hunter2");
    }

    @Test
    void aValueMovedToAnotherRecordOrTamperedWithDoesNotDecrypt() {
        SecretCipher cipher = new SecretCipher(config(KEY_A, "a", null), LaunchMode.TEST);
        String sealed = cipher.encrypt("hunter2", "t/one");
        assertThatThrownBy(() -> cipher.decrypt(sealed, "t/two")).isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("hunter2");
        char last = sealed.charAt(sealed.length() - 3);
        String tampered = sealed.substring(0, sealed.length() - 3) + (last == 'A' ? 'B' : 'A') + sealed.substring(sealed.length() - 2);
        assertThatThrownBy(() -> cipher.decrypt(tampered, "t/one")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rotatedKeysStillDecryptOldValues() {
        String sealedWithA = new SecretCipher(config(KEY_A, "a", null), LaunchMode.TEST).encrypt("old", "c");
        SecretCipher rotated = new SecretCipher(config(KEY_B, "b", List.of("a=" + KEY_A)), LaunchMode.TEST);
        assertThat(rotated.decrypt(sealedWithA, "c")).isEqualTo("old");
        assertThat(rotated.encrypt("new", "c")).startsWith("b:");
        assertThatThrownBy(() -> new SecretCipher(config(KEY_B, "b", null), LaunchMode.TEST).decrypt(sealedWithA, "c"))
                .hasMessageContaining("unknown key id");
    }

    @Test
    void prodRefusesToStartWithoutAKey() {
        assertThatThrownBy(() -> new SecretCipher(config(null, "k1", null), LaunchMode.NORMAL))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("HELMDECK_CRYPTO_KEY");
        SecretCipher devWithoutKey = new SecretCipher(config(null, "k1", null), LaunchMode.DEVELOPMENT);
        assertThatThrownBy(() -> devWithoutKey.encrypt("x", "c")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rejectsKeysOfTheWrongSize() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);
        assertThatThrownBy(() -> new SecretCipher(config(shortKey, "k", null), LaunchMode.NORMAL))
                .hasMessageContaining("32 bytes");
    }
}
