package io.helmdeck.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * The RSA-2048 key pair user JWTs of the local run are signed (private, PKCS#8 PEM) and verified (public, X.509 PEM,
 * what {@code mp.jwt.verify.publickey.location} reads) with; created once and kept in {@code .helmdeck/}. The private
 * key is owner-only. The public key is readable by all: it is no secret, and docker-compose.yml mounts it into
 * containers that run as another user.
 */
public record JwtKeyPair(RSAPublicKey publicKey, RSAPrivateKey privateKey, Path publicKeyFile) {

    static final int KEY_BITS = 2048;

    /** Loads the pair from {@code privateFile} and {@code publicFile}, generating both when either is missing. */
    public static JwtKeyPair loadOrCreate(Path privateFile, Path publicFile) throws StartupException {
        try {
            if (Files.notExists(privateFile) || Files.notExists(publicFile)) {
                create(privateFile, publicFile);
            }
            RSAPrivateKey privateKey = (RSAPrivateKey) KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(pem(OwnerOnlyFiles.read(privateFile), "PRIVATE KEY")));
            RSAPublicKey publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(
                    pem(Files.readString(publicFile, StandardCharsets.US_ASCII), "PUBLIC KEY")));
            if (!publicKey.getModulus().equals(privateKey.getModulus())) {
                throw new StartupException("the JWT keys " + privateFile + " and " + publicFile + " are not one pair; "
                        + "delete both and a new pair is made (tokens minted before stop working)");
            }
            return new JwtKeyPair(publicKey, privateKey, publicFile.toAbsolutePath());
        } catch (IOException | GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new StartupException("cannot read or create the JWT key pair " + privateFile + " / " + publicFile
                    + ": " + e.getMessage() + " (delete both files and a new pair is made)", e);
        }
    }

    private static void create(Path privateFile, Path publicFile) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(KEY_BITS);
        KeyPair pair = generator.generateKeyPair();
        // Private key first: a crash in between leaves a pair that is regenerated as a whole next time.
        OwnerOnlyFiles.write(privateFile, toPem(pair.getPrivate().getEncoded(), "PRIVATE KEY"));
        OwnerOnlyFiles.write(publicFile, toPem(pair.getPublic().getEncoded(), "PUBLIC KEY"));
        if (OwnerOnlyFiles.isPosix(publicFile)) {
            Files.setPosixFilePermissions(publicFile, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }

    static String toPem(byte[] der, String type) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] pem(String text, String type) {
        String begin = "-----BEGIN " + type + "-----";
        String end = "-----END " + type + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("not a PEM " + type);
        }
        return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
    }

    @Override
    public String toString() {
        return "JwtKeyPair[public=" + publicKeyFile + "]";
    }
}
