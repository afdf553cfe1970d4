package io.helmdeck.support.service;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;

import io.vertx.pgclient.PgException;

/** Recognises the database failures the API turns into 409/412 instead of 500. */
public final class PersistenceFailures {

    private static final String UNIQUE_VIOLATION = "23505";

    private PersistenceFailures() {
    }

    public static boolean isUniqueViolation(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return true;
            }
            if (t instanceof org.hibernate.exception.ConstraintViolationException cve
                    && UNIQUE_VIOLATION.equals(cve.getSQLState())) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }

    public static boolean isStaleVersion(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StaleStateException || t instanceof OptimisticLockException) {
                return true;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}
