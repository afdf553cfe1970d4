package io.helmdeck.release.reconcile;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.release.persistence.ReplicaLocks;
import io.vertx.mutiny.sqlclient.SqlConnection;
import org.jboss.logging.Logger;

/**
 * Who this process is in the reconcile leases: a stable replica id ({@code helmdeck.reconcile.replica-id}, else the
 * host name) and a fresh incarnation per start; the lease holder is {@code <replica id>/<incarnation>}. A process
 * that holds its replica id's lock ({@link ReplicaLocks}) may take the leases an earlier incarnation left at once:
 * that incarnation is dead, since it would otherwise still hold the lock (ADR 0024).
 */
@ApplicationScoped
public class ReplicaIdentity {

    private static final Logger LOG = Logger.getLogger(ReplicaIdentity.class);

    private final ReplicaLocks locks;
    private final String replicaId;
    private final String holder;
    private final Duration retryEvery;
    private final AtomicBoolean warned = new AtomicBoolean();
    private volatile SqlConnection lock;
    private volatile long nextTry;

    public ReplicaIdentity(ReplicaLocks locks, ReconcileConfig config) {
        this.locks = locks;
        // '/' separates the replica id from the incarnation in the holder, so it cannot be part of the id.
        this.replicaId = config.replicaId().filter(id -> !id.isBlank()).orElseGet(ReplicaIdentity::hostName)
                .replace('/', '-');
        this.holder = replicaId + "/" + UUID.randomUUID().toString().substring(0, 8);
        this.retryEvery = config.lease();
        this.nextTry = System.nanoTime();
    }

    /** The lease holder this process writes. */
    public String holder() {
        return holder;
    }

    public String replicaId() {
        return replicaId;
    }

    /**
     * The holder prefix whose leases this process may take before they expire ({@code <replica id>/}), or null
     * while another live process runs under the same replica id (or the database cannot be asked). Blocking.
     */
    public String ownedBefore() {
        if (lock == null && System.nanoTime() - nextTry >= 0) {
            takeLock();
        }
        return lock == null ? null : replicaId + "/";
    }

    private synchronized void takeLock() {
        if (lock != null) {
            return;
        }
        // Not on every claim while someone else holds it: once per lease period is soon enough.
        nextTry = System.nanoTime() + retryEvery.toNanos();
        SqlConnection held;
        try {
            held = locks.tryHold(replicaId).await().indefinitely();
        } catch (RuntimeException e) {
            LOG.warnf("could not take the lock of replica id %s: %s", replicaId, e.getMessage());
            return;
        }
        if (held == null) {
            if (warned.compareAndSet(false, true)) {
                LOG.warnf("another live release-service process runs as replica id %s: leases it holds are taken"
                        + " over only when they expire; give each replica its own helmdeck.reconcile.replica-id",
                        replicaId);
            }
            return;
        }
        // The session ended (database restart, network): the lock is gone with it, so stop claiming early.
        held.closeHandler(() -> {
            if (lock == held) {
                lock = null;
            }
        });
        lock = held;
        LOG.infof("reconciling as %s; leases left by an earlier %s are taken at once", holder, replicaId);
    }

    @PreDestroy
    void stop() {
        SqlConnection held = lock;
        lock = null;
        if (held != null) {
            held.closeAndForget();
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "release-service";
        }
    }
}
