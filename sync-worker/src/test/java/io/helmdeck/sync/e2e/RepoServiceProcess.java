package io.helmdeck.sync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.helmdeck.sync.testing.RegistryProcess;
import io.helmdeck.sync.testing.TestDirs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real repo-service beside the sync worker under test: an embedded PostgreSQL (data under {@code target/}) and
 * repo-service's packaged application ({@code ../repo-service/target/quarkus-app/quarkus-run.jar}) as a child
 * process on a free port, pointed back at the worker's probe endpoints. The worker under test is configured to
 * claim from it, with a short poll interval.
 *
 * <p>Both sides get the credentials of ADR 0013 ({@link E2ECredentials}): repo-service the public key to verify user
 * JWTs with and the service tokens of its callers, the worker its own token and repo-service's. The test reads the
 * admin token from {@link #ADMIN_TOKEN_KEY}. A repo-service that predates authentication ignores the extra
 * environment; {@link #AUTHENTICATES_KEY} says which kind is running.
 *
 * <p>The jar must exist: the reactor builds repo-service before sync-worker (sync-worker declares a build-order
 * dependency on it); a missing jar fails the test, it never skips it.
 */
public class RepoServiceProcess implements QuarkusTestResourceLifecycleManager {

    /** Config key carrying repo-service's log file to the test, which checks that no secret is ever logged. */
    public static final String LOG_KEY = "helmdeck.e2e.repo-service-log";
    /** Config key carrying an admin user token (RS256, issuer and audience {@code helmdeck}) to the test. */
    public static final String ADMIN_TOKEN_KEY = "helmdeck.e2e.admin-token";
    /** Config key: whether repo-service refuses an anonymous API call, that is, enforces ADR 0013. */
    public static final String AUTHENTICATES_KEY = "helmdeck.e2e.repo-service-authenticates";
    /** Config key: comma-separated secrets of this run, which no log line may contain. */
    public static final String SECRETS_KEY = "helmdeck.e2e.secrets";
    static final Path JAR = Path.of("..", "repo-service", "target", "quarkus-app", "quarkus-run.jar");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private EmbeddedPostgres postgres;
    private Process process;
    private Path log;

    @Override
    public Map<String, String> start() {
        Path jar = JAR.toAbsolutePath().normalize();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("repo-service is not packaged: " + jar + " is missing. Build it first "
                    + "(./mvnw -f repo-service/pom.xml package -DskipTests, or a reactor build from the project "
                    + "root, which orders repo-service before sync-worker).");
        }
        try {
            Path dir = TestDirs.newDir("e2e-repo-service");
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("pgdata"))
                    .setCleanDataDirectory(true)
                    .start();
            int pg = postgres.getPort();
            int repoPort = RegistryProcess.freePort();
            int workerPort = RegistryProcess.freePort();
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            E2ECredentials credentials = new E2ECredentials();
            Path publicKey = credentials.writePublicKey(dir.resolve("jwt-public.pem"));

            Path java = Path.of(System.getProperty("java.home"), "bin", "java");
            List<String> command = new ArrayList<>(List.of(java.toString(),
                    // Start fast on two cores: repo-service only serves a handful of requests here.
                    "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xmx256m",
                    "-Duser.home=" + dir.resolve("home"),
                    "-jar", jar.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
            Map<String, String> env = builder.environment();
            env.put("QUARKUS_HTTP_PORT", String.valueOf(repoPort));
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + pg + "/postgres");
            env.put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://localhost:" + pg + "/postgres");
            env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
            env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
            env.put("HELMDECK_CRYPTO_KEY", Base64.getEncoder().encodeToString(key));
            env.put("HELMDECK_CRYPTO_KEY_ID", "e2e");
            env.put("HELMDECK_SYNC_WORKER_URL", "http://127.0.0.1:" + workerPort);
            // ADR 0013: user tokens are verified with this key; each caller is known by its own service token.
            env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", publicKey.toString());
            env.put("MP_JWT_VERIFY_ISSUER", E2ECredentials.ISSUER);
            env.put("MP_JWT_VERIFY_AUDIENCES", E2ECredentials.AUDIENCE);
            env.put("HELMDECK_SERVICE_TOKEN", credentials.repoServiceToken);
            env.put("HELMDECK_INTERNAL_SYNC_WORKER_TOKEN", credentials.syncWorkerToken);
            env.put("HELMDECK_INTERNAL_RELEASE_SERVICE_TOKEN", credentials.releaseServiceToken);
            // No release-service in this test: source events would go to whatever listens on localhost:8082.
            env.put("HELMDECK_RELEASE_SERVICE_EVENTS_ENABLED", "false");
            env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
            // Everything repo-service says about its work, and every request line, goes to the log the test reads.
            env.put("QUARKUS_LOG_CATEGORY__IO_HELMDECK__LEVEL", "DEBUG");
            env.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true");
            log = dir.resolve("repo-service.log");
            System.setProperty(PrintRepoServiceLogOnFailure.PROPERTY, log.toString());
            process = builder.redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // Should the test JVM be killed before stop() runs, the child must not outlive it.
            ProcessHandle child = process.toHandle();
            Runtime.getRuntime().addShutdownHook(new Thread(child::destroyForcibly));
            String url = "http://127.0.0.1:" + repoPort;
            awaitReady(url);
            return Map.ofEntries(
                    Map.entry("helmdeck.repo-service.url", url),
                    Map.entry("helmdeck.service-token", credentials.syncWorkerToken),
                    Map.entry("helmdeck.internal.repo-service-token", credentials.repoServiceToken),
                    Map.entry(ADMIN_TOKEN_KEY, credentials.adminToken),
                    Map.entry(AUTHENTICATES_KEY, String.valueOf(refusesAnonymousCalls(url))),
                    Map.entry(SECRETS_KEY, String.join(",", credentials.secrets())),
                    Map.entry("helmdeck.sync.enabled", "true"),
                    Map.entry("helmdeck.sync.poll-interval", "1s"),
                    Map.entry("helmdeck.sync.max-claim-backoff", "2s"),
                    Map.entry("helmdeck.sync.shutdown-grace", "2s"),
                    Map.entry("quarkus.http.test-port", String.valueOf(workerPort)),
                    Map.entry(LOG_KEY, log.toString()));
        } catch (IOException e) {
            stop();
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop();
            throw new IllegalStateException(e);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
    }

    private void awaitReady(String url) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long end = System.nanoTime() + READY_TIMEOUT.toNanos();
        String last = "no answer";
        while (System.nanoTime() < end) {
            if (!process.isAlive()) {
                throw new IllegalStateException("repo-service exited with " + process.exitValue() + "; its log ("
                        + log + "):\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> answer = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                last = answer.statusCode() + " " + answer.body();
            } catch (IOException notYet) {
                last = notYet.toString();
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("repo-service was not ready within " + READY_TIMEOUT + " (" + last
                + "); its log (" + log + "):\n" + Files.readString(log));
    }

    /** Whether an API call without a token is refused with 401, as ADR 0013 requires. */
    private static boolean refusesAnonymousCalls(String url) throws IOException, InterruptedException {
        HttpResponse<Void> answer = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url + "/api/v1/tenants/e2e/oci-repositories"))
                        .timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.discarding());
        return answer.statusCode() == 401;
    }

    @Override
    public void stop() {
        if (process != null) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
            process = null;
        }
        if (postgres != null) {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                postgres = null;
            }
        }
    }
}
