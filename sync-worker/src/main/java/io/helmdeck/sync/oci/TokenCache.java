package io.helmdeck.sync.oci;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Registry tokens by registry, scope and credentials, reused until shortly before they expire so an unchanged
 * repository costs one HEAD request per interval instead of a token round trip as well.
 */
@ApplicationScoped
public class TokenCache {

    /** Tokens are dropped this long before their expiry so one never dies in flight. */
    static final long EXPIRY_MARGIN_SECONDS = 5;

    /**
     * The credentials' fingerprint is part of the key: two tenants may pull the same repository with different
     * rights, and one must never ride on the other's token.
     */
    public record Key(String registry, String scope, String credentialFingerprint) {
    }

    private record Entry(String token, Instant expiresAt) {
    }

    private final ConcurrentHashMap<Key, Entry> tokens = new ConcurrentHashMap<>();
    /** Registries known to want a given challenge, so later requests can authenticate on the first try. */
    private final ConcurrentHashMap<String, AuthChallenge> challenges = new ConcurrentHashMap<>();
    private final Clock clock;

    @Inject
    public TokenCache() {
        this(Clock.systemUTC());
    }

    TokenCache(Clock clock) {
        this.clock = clock;
    }

    public Optional<String> get(Key key) {
        Entry entry = tokens.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expiresAt().minusSeconds(EXPIRY_MARGIN_SECONDS))) {
            tokens.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.token());
    }

    public void put(Key key, String token, long expiresInSeconds) {
        tokens.put(key, new Entry(token, clock.instant().plusSeconds(expiresInSeconds)));
    }

    public void invalidate(Key key) {
        tokens.remove(key);
    }

    public Optional<AuthChallenge> challengeOf(String registry) {
        return Optional.ofNullable(challenges.get(registry));
    }

    public void rememberChallenge(String registry, AuthChallenge challenge) {
        challenges.put(registry, challenge);
    }

    public int size() {
        return tokens.size();
    }
}
