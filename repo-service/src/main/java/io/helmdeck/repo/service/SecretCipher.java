package io.helmdeck.repo.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.helmdeck.repo.config.CryptoConfig;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;

/**
 * Encrypts registry credentials with AES-256-GCM: a random 96-bit nonce per value, the record's identity as
 * associated data (a ciphertext copied to another record does not decrypt), and the key id stored with the
 * value so keys can rotate.
 */
@Startup
@ApplicationScoped
public class SecretCipher {

    private static final String ALGORITHM = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;

    @Inject
    public SecretCipher(CryptoConfig config) {
        this(config, LaunchMode.current());
    }

    SecretCipher(CryptoConfig config, LaunchMode launchMode) {
        if (config.key().isEmpty()) {
            if (launchMode == LaunchMode.NORMAL) {
                throw new IllegalStateException("helmdeck.crypto.key (env HELMDECK_CRYPTO_KEY) is not set: "
                        + "repo-service will not store registry credentials without an encryption key. "
                        + "Generate one with: head -c 32 /dev/urandom | base64");
            }
            this.activeKeyId = null;
        } else {
            this.activeKeyId = config.keyId();
            keys.put(activeKeyId, decodeKey(config.key().get(), "helmdeck.crypto.key"));
        }
        config.previousKeys().ifPresent(entries -> entries.forEach(entry -> {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException("helmdeck.crypto.previous-keys entries must be id=base64key");
            }
            keys.putIfAbsent(entry.substring(0, eq), decodeKey(entry.substring(eq + 1), "helmdeck.crypto.previous-keys"));
        }));
    }

    /** Encrypts {@code plaintext}, bound to {@code context} (e.g. tenant/name). */
    public String encrypt(String plaintext, String context) {
        if (activeKeyId == null) {
            throw new IllegalStateException("no encryption key configured (helmdeck.crypto.key)");
        }
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKeyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = new byte[nonce.length + sealed.length];
            System.arraycopy(nonce, 0, out, 0, nonce.length);
            System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
            return activeKeyId + ":" + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    /** Decrypts a value made by {@link #encrypt} with the same context. */
    public String decrypt(String stored, String context) {
        int colon = stored.indexOf(':');
        SecretKey key = colon > 0 ? keys.get(stored.substring(0, colon)) : null;
        if (key == null) {
            throw new IllegalStateException("secret was encrypted with an unknown key id");
        }
        try {
            byte[] in = Base64.getDecoder().decode(stored.substring(colon + 1));
            Cipher cipher = Cipher.getInstance(ALGORITHM);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("secret could not be decrypted (wrong key or tampered value)");
        }
    }

    /** Whether {@code stored} is already encrypted under the key new values get. */
    public boolean isCurrent(String stored) {
        return activeKeyId != null && stored.startsWith(activeKeyId + ":");
    }

    /** The same secret encrypted under the current key; for rotation, so any known key may have sealed it. */
    public String reencrypt(String stored, String context) {
        return encrypt(decrypt(stored, context), context);
    }

    /** Id of the key new values are encrypted with. */
    public String activeKeyId() {
        return activeKeyId;
    }

    private static SecretKey decodeKey(String base64, String property) {
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(property + " is not valid base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(property + " must be 32 bytes (AES-256), base64-encoded");
        }
        return new SecretKeySpec(raw, "AES");
    }
}
