package io.helmdeck.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.UncountedTerminatedPods;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The Job controller of Kubernetes 1.31: a Job starts ({@code startTime}, {@code active}) on the first pass and
 * finishes {@code readyDelay} later, either {@code SuccessCriteriaMet} + {@code Complete} (reason
 * {@code CompletionsReached}) or, with a {@code broken} image, {@code FailureTarget} + {@code Failed} (reason
 * {@code BackoffLimitExceeded}) after {@code backoffLimit + 1} failed pods. Suspended Jobs are left alone.
 */
final class JobController implements SandboxController {

    private static final int DEFAULT_BACKOFF_LIMIT = 6;
    private static final String DONE = "Reached expected number of succeeded pods";
    private static final String BACKOFF = "Job has reached the specified backoff limit";

    private final Duration readyDelay;
    private final RolloutClock clock = new RolloutClock();

    JobController(Duration readyDelay) {
        this.readyDelay = readyDelay;
    }

    @Override
    public void reconcile(KubernetesClient client, Instant now) {
        for (Job job : client.batch().v1().jobs().inAnyNamespace().list().getItems()) {
            if (job.getMetadata().getDeletionTimestamp() != null || job.getSpec() == null
                    || Boolean.TRUE.equals(job.getSpec().getSuspend()) || finished(job.getStatus())) {
                continue;
            }
            JobStatus status = status(job, clock.age(job, now), now);
            if (!status.equals(job.getStatus())) {
                job.setStatus(status);
                StatusWrites.tryWrite(() -> client.batch().v1().jobs()
                        .inNamespace(job.getMetadata().getNamespace()).resource(job).updateStatus());
            }
        }
        clock.endPass();
    }

    JobStatus status(Job job, Duration age, Instant now) {
        int parallelism = job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
        int completions = job.getSpec().getCompletions() == null ? parallelism : job.getSpec().getCompletions();
        String started = job.getStatus() != null && job.getStatus().getStartTime() != null
                ? job.getStatus().getStartTime() : Timestamps.format(now);
        JobStatusBuilder status = new JobStatusBuilder().withStartTime(started)
                .withReady(0).withTerminating(0).withUncountedTerminatedPods(new UncountedTerminatedPods());
        if (age.compareTo(readyDelay) < 0) {
            return status.withActive(Math.max(1, Math.min(parallelism, completions))).build();
        }
        String at = Timestamps.format(now);
        if (PodTemplates.broken(job.getSpec().getTemplate()).isPresent()) {
            int backoffLimit = job.getSpec().getBackoffLimit() == null ? DEFAULT_BACKOFF_LIMIT
                    : job.getSpec().getBackoffLimit();
            return status.withFailed(backoffLimit + 1).withConditions(List.of(
                    condition("FailureTarget", "BackoffLimitExceeded", BACKOFF, at),
                    condition("Failed", "BackoffLimitExceeded", BACKOFF, at))).build();
        }
        return status.withSucceeded(completions).withCompletionTime(at).withConditions(List.of(
                condition("SuccessCriteriaMet", "CompletionsReached", DONE, at),
                condition("Complete", "CompletionsReached", DONE, at))).build();
    }

    private static boolean finished(JobStatus status) {
        return status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType()))
                        && "True".equals(c.getStatus()));
    }

    private static JobCondition condition(String type, String reason, String message, String at) {
        return new JobConditionBuilder().withType(type).withStatus("True").withReason(reason).withMessage(message)
                .withLastProbeTime(at).withLastTransitionTime(at).build();
    }
}
