package io.helmdeck.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumMap;
import java.util.Map;

/**
 * One random service token per service (ADR 0013): 32 bytes, base64url, each in its own owner-only file under
 * {@code .helmdeck/service-tokens/}, created once and reused so restarting one service keeps the others working.
 */
public final class ServiceTokens {

    static final int TOKEN_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<PlatformService, String> tokens;

    private ServiceTokens(Map<PlatformService, String> tokens) {
        this.tokens = tokens;
    }

    /** Reads every service's token from {@code dir}, creating the missing ones. */
    public static ServiceTokens loadOrCreate(Path dir) throws StartupException {
        Map<PlatformService, String> tokens = new EnumMap<>(PlatformService.class);
        for (PlatformService service : PlatformService.values()) {
            if (!service.hasServiceToken()) {
                continue;
            }
            Path file = dir.resolve(service.moduleName());
            try {
                if (Files.notExists(file)) {
                    byte[] bytes = new byte[TOKEN_BYTES];
                    RANDOM.nextBytes(bytes);
                    OwnerOnlyFiles.write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n");
                }
                String token = OwnerOnlyFiles.read(file).strip();
                if (token.isEmpty() || !token.matches("[A-Za-z0-9_-]+")) {
                    throw new StartupException("the service token file " + file + " does not hold a base64url token; "
                            + "delete it and a new one is made");
                }
                tokens.put(service, token);
            } catch (IOException e) {
                throw new StartupException("cannot read or create the service token " + file + ": " + e.getMessage(), e);
            }
        }
        return new ServiceTokens(tokens);
    }

    /** The token {@code service} sends on its internal calls, and its callees are configured with. */
    public String of(PlatformService service) {
        return tokens.get(service);
    }

    @Override
    public String toString() {
        return "ServiceTokens[hidden]";
    }
}
