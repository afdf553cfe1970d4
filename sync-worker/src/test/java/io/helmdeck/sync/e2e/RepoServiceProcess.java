package io.helmdeck.sync.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.helmdeck.support.testing.ServiceJar;
import io.helmdeck.sync.testing.TestDirs;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The real repo-service beside the sync worker under test: an embedded PostgreSQL (data under {@code target/}) and
 * repo-service's packaged application ({@code ../repo-service/target/quarkus-app/quarkus-run.jar}) as a child
 * process on a free port ({@link ServiceJar}), pointed back at the worker's probe endpoints. The worker under test is
 * configured to claim from it, with a short poll interval.
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

    private EmbeddedPostgres postgres;
    private ServiceJar repoService;
    private Path log;

    @Override
    public Map<String, String> start() {
        try {
            Path dir = TestDirs.newDir("e2e-repo-service");
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir.resolve("pgdata"))
                    .setCleanDataDirectory(true)
                    .start();
            int pg = postgres.getPort();
            int repoPort = ServiceJar.freePort();
            int workerPort = ServiceJar.freePort();
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            E2ECredentials credentials = new E2ECredentials();
            Path publicKey = credentials.writePublicKey(dir.resolve("jwt-public.pem"));

            Map<String, String> env = new HashMap<>();
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
            // Everything repo-service says about its work, and every request line, goes to the log the test reads.
            env.put("QUARKUS_LOG_CATEGORY__IO_HELMDECK__LEVEL", "DEBUG");
            env.put("QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true");
            // Named before the start, so that a repo-service that never gets ready still has its log printed.
            log = dir.resolve("repo-service.log");
            System.setProperty(PrintRepoServiceLogOnFailure.PROPERTY, log.toString());
            repoService = ServiceJar.start("repo-service", repoPort, env, dir);
            String url = repoService.url();
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
        } catch (Exception e) {
            stop();
            throw new IllegalStateException(e);
        }
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
        if (repoService != null) {
            try {
                repoService.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            repoService = null;
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
