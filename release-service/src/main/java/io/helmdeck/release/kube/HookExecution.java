package io.helmdeck.release.kube;

import java.time.Instant;

/**
 * The last run of one hook, as Helm records it in a release ({@code last_run}).
 *
 * @param phase Helm's hook phase: {@code Running}, {@code Succeeded}, {@code Failed} or {@code Unknown}
 */
public record HookExecution(String kind, String name, Instant startedAt, Instant completedAt, String phase) {
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
}
