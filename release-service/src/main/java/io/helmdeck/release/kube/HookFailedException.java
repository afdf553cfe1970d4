package io.helmdeck.release.kube;

import java.util.List;

/** A hook failed or timed out; {@link #executions()} holds every hook run so far, the failed one last. */
public class HookFailedException extends ApplyException {

    private final transient List<HookExecution> executions;

    public HookFailedException(String message, Throwable cause, List<HookExecution> executions) {
        super(message, cause);
        this.executions = List.copyOf(executions);
    }

    public List<HookExecution> executions() {
        return executions;
    }
}
