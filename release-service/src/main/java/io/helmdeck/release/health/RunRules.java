package io.helmdeck.release.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Readiness of things that run: Pods and Jobs. */
final class RunRules {

    private RunRules() {
    }

    /** Succeeded or running-and-ready is ready; failed or crash-looping is failed; anything else in progress. */
    static ObjectHealth pod(ObjectView o) {
        String phase = o.string("status.phase").orElse("");
        switch (phase) {
            case "Succeeded":
                return o.ready("completed");
            case "Failed":
                return o.failed("failed" + terminated(o).map(t -> " (" + t + ")").orElse(""));
            case "Running": {
                Optional<Map<String, Object>> ready = o.condition("Ready");
                if (ready.isPresent() && "True".equals(ready.get().get("status"))) {
                    return o.ready("running and ready");
                }
                List<String> looping = waitingWith(o, "CrashLoopBackOff");
                if (!looping.isEmpty()) {
                    return o.failed("container " + String.join(", ", looping) + " in CrashLoopBackOff");
                }
                return o.inProgress("running, not ready");
            }
            case "Pending": {
                Optional<Map<String, Object>> scheduled = o.condition("PodScheduled");
                if (scheduled.isPresent() && "False".equals(scheduled.get().get("status"))) {
                    return o.inProgress("pending (" + ObjectView.reasonAndMessage(scheduled.get()) + ")");
                }
                List<String> pulling = waitingWith(o, "ImagePullBackOff");
                pulling.addAll(waitingWith(o, "ErrImagePull"));
                return pulling.isEmpty() ? o.inProgress("pending")
                        : o.inProgress("pending (cannot pull the image of " + String.join(", ", pulling) + ")");
            }
            default:
                return o.inProgress("not scheduled yet");
        }
    }

    /** Complete is ready, Failed fails, suspended counts as ready (nothing to wait for); otherwise in progress. */
    static ObjectHealth job(ObjectView o) {
        long parallelism = o.number("spec.parallelism", 1);
        long completions = o.number("spec.completions", parallelism);
        long succeeded = o.number("status.succeeded", 0);
        Optional<Map<String, Object>> failed = o.condition("Failed");
        if (failed.isPresent() && "True".equals(failed.get().get("status"))) {
            return o.failed("failed (" + ObjectView.reasonAndMessage(failed.get()) + ")");
        }
        Optional<Map<String, Object>> complete = o.condition("Complete");
        if (complete.isPresent() && "True".equals(complete.get().get("status"))) {
            return o.ready("complete (" + succeeded + "/" + completions + " succeeded)");
        }
        Optional<Map<String, Object>> suspended = o.condition("Suspended");
        if (suspended.isPresent() && "True".equals(suspended.get().get("status"))) {
            return o.ready("suspended");
        }
        if (o.string("status.startTime").isEmpty()) {
            return o.inProgress("not started");
        }
        return o.inProgress("running (" + succeeded + "/" + completions + " succeeded, "
                + o.number("status.active", 0) + " active, " + o.number("status.failed", 0) + " failed)");
    }

    private static Optional<String> terminated(ObjectView o) {
        for (Object entry : o.list("status.containerStatuses")) {
            if (entry instanceof Map<?, ?> container && container.get("state") instanceof Map<?, ?> state
                    && state.get("terminated") instanceof Map<?, ?> terminated) {
                Object exitCode = terminated.get("exitCode");
                if (exitCode instanceof Number code && code.intValue() != 0) {
                    return Optional.of("container " + container.get("name") + " exited " + code
                            + (terminated.get("reason") == null ? "" : ": " + terminated.get("reason")));
                }
            }
        }
        return o.string("status.reason");
    }

    private static List<String> waitingWith(ObjectView o, String reason) {
        List<String> names = new ArrayList<>();
        for (Object entry : o.list("status.containerStatuses")) {
            if (entry instanceof Map<?, ?> container && container.get("state") instanceof Map<?, ?> state
                    && state.get("waiting") instanceof Map<?, ?> waiting && reason.equals(waiting.get("reason"))) {
                names.add(String.valueOf(container.get("name")));
            }
        }
        return names;
    }
}
