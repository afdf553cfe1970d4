package io.helmdeck.release.source;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.helmdeck.client.ServiceAnswer;
import io.helmdeck.client.ServiceCallException;
import io.helmdeck.client.ServiceCallException.Reason;
import io.helmdeck.client.ServiceHttp;
import io.helmdeck.model.value.Digest;
import io.helmdeck.release.source.ChartFetchException.Kind;
import io.vertx.core.http.HttpMethod;

/**
 * Chart artifacts by digest: from a local folder when present, else from repo-service's artifact store
 * ({@code GET /internal/v1/artifacts/{digest}}). What it returns always hashes to the digest asked for, so a release
 * deploys exactly what the sync verified. Blocking (file and network I/O): call it from a worker thread.
 */
@ApplicationScoped
public class ChartCache {

    private static final Logger LOG = Logger.getLogger(ChartCache.class);

    private final ServiceHttp repoService;
    private final Path directory;
    private final long maxBytes;
    // One fetch per digest at a time: reconciles of releases sharing a chart wait for the first download.
    private final ConcurrentMap<String, Object> locks = new ConcurrentHashMap<>();

    public ChartCache(SourceHttp repoService, ChartCacheConfig config) {
        this.repoService = repoService.http();
        this.directory = Path.of(config.cacheDir().orElse(System.getProperty("java.io.tmpdir") + "/helmdeck-charts"));
        this.maxBytes = config.maxBytes();
    }

    /** The chart archive with this digest ({@code sha256:<64 hex>}). */
    public byte[] chart(String digest) throws ChartFetchException {
        Digest wanted;
        try {
            wanted = Digest.parse(digest);
        } catch (IllegalArgumentException e) {
            throw new ChartFetchException(Kind.INVALID_DIGEST, "not a chart digest: " + digest + " (" + e.getMessage() + ")");
        }
        Object lock = locks.computeIfAbsent(wanted.toString(), k -> new Object());
        synchronized (lock) {
            try {
                byte[] cached = readCached(wanted);
                if (cached != null) {
                    return cached;
                }
                byte[] fetched = download(wanted);
                store(wanted, fetched);
                return fetched;
            } catch (CacheWriteFailed e) {
                // The chart itself is verified and usable: a full or read-only cache folder costs only downloads.
                LOG.warnf("chart %s not cached: %s", wanted, e.getMessage());
                return e.chart;
            } finally {
                locks.remove(wanted.toString(), lock);
            }
        }
    }

    /** Where the artifact with this digest is kept (visible for tests). */
    Path fileOf(Digest digest) {
        // ':' is not allowed in Windows file names.
        return directory.resolve(digest.algorithm() + "-" + digest.hex());
    }

    private byte[] readCached(Digest wanted) throws ChartFetchException {
        Path file = fileOf(wanted);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new ChartFetchException(Kind.STORAGE, "cannot read the chart cache file " + file + ": "
                    + e.getMessage(), e);
        }
        if (!Digest.sha256Of(bytes).equals(wanted)) {
            // Damaged on disk (files are only ever moved in whole): forget it and fetch again.
            LOG.warnf("chart cache file %s does not match its digest; fetching it again", file);
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new ChartFetchException(Kind.STORAGE, "cannot delete the damaged chart cache file " + file, e);
            }
            return null;
        }
        return bytes;
    }

    private byte[] download(Digest wanted) throws ChartFetchException {
        ServiceAnswer answer;
        try {
            answer = repoService.await(repoService.send(HttpMethod.GET,
                    ServiceHttp.path("internal", "v1", "artifacts", wanted.toString()),
                    Map.of("Accept", "application/octet-stream, */*"), null, maxBytes));
        } catch (ServiceCallException e) {
            if (e.reason() == Reason.TOO_LARGE) {
                throw tooLarge(wanted);
            }
            throw new ChartFetchException(Kind.UNAVAILABLE, e.getMessage() + " (artifact " + wanted + ")", e);
        }
        if (answer.status() == 404) {
            throw new ChartFetchException(Kind.NOT_FOUND, "repo-service has no artifact " + wanted);
        }
        if (answer.status() != 200) {
            throw new ChartFetchException(Kind.UNAVAILABLE, repoService.describe(answer) + " (artifact " + wanted + ")");
        }
        byte[] bytes = answer.bytes();
        Digest actual = Digest.sha256Of(bytes);
        if (!actual.equals(wanted)) {
            throw new ChartFetchException(Kind.DIGEST_MISMATCH, "artifact " + wanted + " from repo-service has "
                    + "digest " + actual + "; not used");
        }
        return bytes;
    }

    private ChartFetchException tooLarge(Digest wanted) {
        return new ChartFetchException(Kind.TOO_LARGE, "artifact " + wanted + " is larger than the limit of "
                + maxBytes + " bytes (helmdeck.charts.max-bytes)");
    }

    /** Writes to a temp file in the same folder, then moves it in: readers never see half a chart. */
    private void store(Digest digest, byte[] bytes) throws CacheWriteFailed {
        Path target = fileOf(digest);
        Path temp = null;
        try {
            Files.createDirectories(directory);
            temp = Files.createTempFile(directory, ".incoming-", ".tmp");
            Files.write(temp, bytes);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new CacheWriteFailed("cannot write the chart cache file " + target + ": " + e.getMessage(), bytes);
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    LOG.debugf("could not remove temp file %s: %s", temp, e.getMessage());
                }
            }
        }
    }

    /** The download worked but the cache could not keep it. */
    private static final class CacheWriteFailed extends Exception {
        final transient byte[] chart;

        CacheWriteFailed(String message, byte[] chart) {
            super(message);
            this.chart = chart;
        }
    }
}
