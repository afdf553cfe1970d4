package io.helmdeck.model;

import java.util.List;

/** The most recent sync attempts, newest first. Unchanged syncs are not recorded: they only move the schedule. */
public record SyncHistory(List<SyncAttempt> items) {
}
