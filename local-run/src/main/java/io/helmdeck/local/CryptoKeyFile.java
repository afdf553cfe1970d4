package io.helmdeck.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** Keeps the local run's credential-encryption key in one owner-only file, created on first use. */
public final class CryptoKeyFile {

    static final String KEY_ID = "local-1";
    static final int KEY_BYTES = 32;

    private CryptoKeyFile() {
    }

    /** Returns the key stored in {@code file}, generating and storing a new one if the file does not exist. */
    public static CryptoKey loadOrCreate(Path file) throws StartupException {
        try {
            if (Files.notExists(file)) {
                create(file);
            }
            return load(file);
        } catch (IOException e) {
            throw new StartupException("cannot read or create the crypto key file " + file + ": " + e.getMessage(), e);
        }
    }

    private static CryptoKey load(Path file) throws IOException, StartupException {
        String base64 = OwnerOnlyFiles.read(file).trim();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != KEY_BYTES) {
            // Replacing it would make every stored credential unreadable: let the user decide.
            throw new StartupException("the crypto key file " + file + " does not hold base64 of " + KEY_BYTES
                    + " bytes; fix it, or delete it together with .helmdeck/pgdata to start afresh");
        }
        return new CryptoKey(base64, KEY_ID);
    }

    private static void create(Path file) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        OwnerOnlyFiles.write(file, Base64.getEncoder().encodeToString(key) + "\n");
    }
}
