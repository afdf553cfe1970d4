package io.helmdeck.sync.testing;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed RSA key and certificate for 127.0.0.1, made with the JDK's keytool (the JDK has no public API for
 * certificates), exported as PEM for the registry: it signs registry tokens and serves TLS.
 */
public record TestPki(PrivateKey key, X509Certificate certificate, Path certPem, Path keyPem) {

    public static TestPki create(Path dir) throws Exception {
        Path store = dir.resolve("pki.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "test", "-keyalg", "RSA",
                "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=helmdeck-test", "-validity", "2",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-keystore", store.toString(), "-storetype", "PKCS12",
                "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
        }
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keyStore.load(in, "changeit".toCharArray());
        }
        PrivateKey key = (PrivateKey) keyStore.getKey("test", "changeit".toCharArray());
        X509Certificate cert = (X509Certificate) keyStore.getCertificate("test");
        Path certPem = Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
        Path keyPem = Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key.getEncoded()));
        return new TestPki(key, cert, certPem, keyPem);
    }

    public String certificatePem() throws Exception {
        return Files.readString(certPem, StandardCharsets.US_ASCII);
    }

    private static String pem(String type, byte[] der) {
        String body = String.join("\n", splitEvery(Base64.getEncoder().encodeToString(der), 64));
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    private static List<String> splitEvery(String s, int n) {
        return java.util.stream.IntStream.range(0, (s.length() + n - 1) / n)
                .mapToObj(i -> s.substring(i * n, Math.min(s.length(), (i + 1) * n))).toList();
    }
}
