package io.helmdeck.sync.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import io.helmdeck.support.testing.ServiceJar;

/**
 * A real CNCF Distribution registry ({@code /usr/bin/docker-registry} from Debian) on a free loopback port, with its
 * storage and log under {@code target/}. Several processes may share one storage directory: that is how the same
 * pushed charts are served anonymously, behind htpasswd and behind token auth.
 */
public final class RegistryProcess implements AutoCloseable {

    public static final String BINARY = "/usr/bin/docker-registry";

    private final Process process;
    private final int port;
    private final boolean tls;
    private final Path log;

    private RegistryProcess(Process process, int port, boolean tls, Path log) {
        this.process = process;
        this.port = port;
        this.tls = tls;
        this.log = log;
    }

    /** What the registry checks on each request. */
    public sealed interface Auth {
        record None() implements Auth {
        }

        record Htpasswd(String user, String password) implements Auth {
        }

        record Token(String realm, String service, String issuer, Path rootCertBundle) implements Auth {
        }
    }

    public static RegistryProcess start(Path storage, Auth auth) throws Exception {
        return start(storage, auth, null);
    }

    public static RegistryProcess start(Path storage, Auth auth, TestPki tls) throws Exception {
        Path dir = TestDirs.newDir("registry");
        int port = ServiceJar.freePort();
        StringBuilder config = new StringBuilder()
                .append("version: 0.1\n")
                .append("log:\n  level: warn\n  accesslog:\n    disabled: true\n")
                .append("storage:\n  filesystem:\n    rootdirectory: ").append(storage).append('\n')
                .append("  delete:\n    enabled: true\n")
                .append("http:\n  addr: 127.0.0.1:").append(port).append('\n')
                .append("  secret: helmdeck-test-secret\n");
        if (tls != null) {
            config.append("  tls:\n    certificate: ").append(tls.certPem()).append('\n')
                    .append("    key: ").append(tls.keyPem()).append('\n');
        }
        if (auth instanceof Auth.Htpasswd htpasswd) {
            Path file = dir.resolve("htpasswd");
            Process p = new ProcessBuilder("htpasswd", "-Bbn", htpasswd.user(), htpasswd.password())
                    .redirectOutput(file.toFile()).redirectError(dir.resolve("htpasswd.log").toFile()).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("htpasswd failed");
            }
            config.append("auth:\n  htpasswd:\n    realm: helmdeck-test\n    path: ").append(file).append('\n');
        } else if (auth instanceof Auth.Token token) {
            config.append("auth:\n  token:\n    realm: ").append(token.realm()).append('\n')
                    .append("    service: ").append(token.service()).append('\n')
                    .append("    issuer: ").append(token.issuer()).append('\n')
                    .append("    rootcertbundle: ").append(token.rootCertBundle()).append('\n');
        }
        Path configFile = Files.writeString(dir.resolve("config.yml"), config);
        Path log = dir.resolve("registry.log");
        Process process = new ProcessBuilder(BINARY, "serve", configFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RegistryProcess registry = new RegistryProcess(process, port, tls != null, log);
        registry.awaitReady();
        return registry;
    }

    public int port() {
        return port;
    }

    /** host:port as used in OCI references. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    private void awaitReady() throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(trustAll()).connectTimeout(Duration.ofSeconds(1)).build();
        URI ping = URI.create((tls ? "https://" : "http://") + address() + "/v2/");
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("registry exited: " + Files.readString(log));
            }
            try {
                http.send(HttpRequest.newBuilder(ping).timeout(Duration.ofSeconds(1)).build(),
                        HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("registry did not answer on " + ping);
    }

    /** Only for the readiness ping: whether TLS itself works is what the tests check. */
    private static SSLContext trustAll() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, null);
        return context;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
