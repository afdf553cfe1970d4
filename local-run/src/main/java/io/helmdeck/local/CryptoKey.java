package io.helmdeck.local;

/** The AES-256 key repo-service encrypts registry credentials with: base64 of 32 bytes, plus its id. */
public record CryptoKey(String base64, String id) {

    @Override
    public String toString() {
        // Never let the key itself reach a log line.
        return "CryptoKey[id=" + id + "]";
    }
}
