package io.helmdeck.local;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./run-local.sh token [--tenant NAME]... [--viewer] [--subject NAME] [--hours N]}: mints a user token with the
 * local run's key. Without {@code --tenant} it is an admin token; with tenants it may read and write in them, or only
 * read with {@code --viewer}. Prints the token alone, so {@code TOKEN=$(./run-local.sh token)} works.
 */
public final class TokenCommand {

    static final String USAGE = "usage: ./run-local.sh token [--tenant NAME]... [--viewer] [--subject NAME] [--hours N]\n"
            + "  no --tenant: an admin token (every tenant, admin operations)\n"
            + "  --tenant:    read and write in the named tenants (repeat it for several)\n"
            + "  --viewer:    read only in the named tenants\n"
            + "  --hours:     lifetime, default 24";

    private TokenCommand() {
    }

    /** What the arguments ask for; a usage error is a {@link StartupException} with the usage text. */
    static UserToken parse(List<String> args) throws StartupException {
        List<String> tenants = new ArrayList<>();
        boolean viewer = false;
        String subject = null;
        Duration lifetime = UserToken.DEFAULT_LIFETIME;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--tenant" -> tenants.add(value(args, ++i, arg));
                case "--viewer" -> viewer = true;
                case "--subject" -> subject = value(args, ++i, arg);
                case "--hours" -> lifetime = hours(value(args, ++i, arg));
                case "-h", "--help" -> throw new StartupException(USAGE);
                default -> throw new StartupException("unknown argument '" + arg + "'\n" + USAGE);
            }
        }
        if (tenants.isEmpty()) {
            if (viewer) {
                throw new StartupException("--viewer needs at least one --tenant\n" + USAGE);
            }
            return new UserToken(subject == null ? "local-admin" : subject, List.of("admin"), List.of(), lifetime);
        }
        return new UserToken(subject == null ? "local-user" : subject, viewer ? List.of("viewer") : List.of(),
                List.copyOf(tenants), lifetime);
    }

    /** Mints the token the arguments describe with the key in {@code settings}' state folder (made if missing). */
    static String run(List<String> args, PlatformSettings settings) throws StartupException {
        UserToken token = parse(args);
        JwtKeyPair keys = JwtKeyPair.loadOrCreate(settings.jwtPrivateKeyFile(), settings.jwtPublicKeyFile());
        return token.sign(keys.privateKey(), Instant.now());
    }

    private static String value(List<String> args, int index, String option) throws StartupException {
        if (index >= args.size() || args.get(index).isBlank() || args.get(index).startsWith("--")) {
            throw new StartupException(option + " needs a value\n" + USAGE);
        }
        return args.get(index);
    }

    private static Duration hours(String value) throws StartupException {
        try {
            int hours = Integer.parseInt(value);
            if (hours >= 1 && hours <= 24 * 366) {
                return Duration.ofHours(hours);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StartupException("--hours must be a whole number of hours from 1 to 8784, got '" + value + "'");
    }
}
