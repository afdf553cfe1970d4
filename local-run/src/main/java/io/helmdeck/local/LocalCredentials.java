package io.helmdeck.local;

/**
 * The credentials of ADR 0013 that the local run makes once and keeps in {@code .helmdeck/}: the key pair of user
 * JWTs and the service tokens.
 */
public record LocalCredentials(JwtKeyPair jwtKeys, LocalServiceTokens serviceTokens) {

    public static LocalCredentials loadOrCreate(PlatformSettings settings) throws StartupException {
        return new LocalCredentials(
                JwtKeyPair.loadOrCreate(settings.jwtPrivateKeyFile(), settings.jwtPublicKeyFile()),
                LocalServiceTokens.loadOrCreate(settings.serviceTokenDirectory()));
    }
}
