package io.helmdeck.release.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.helmdeck.release.render.Hook;
import io.helmdeck.release.render.HookEvent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Helm's hook semantics against the CRUD mock API server: order, waiting for Jobs, delete policies. */
@EnableKubernetesMockClient(crud = true)
class HookRunnerTest {

    static final ReleaseTarget TARGET = new ReleaseTarget("web", "team-a");

    KubernetesMockServer server;
    KubernetesClient client;
    HookRunner runner;

    @BeforeEach
    void setUp() {
        KubeConfig config = TestKube.clientSide();
        runner = new HookRunner(new ObjectApplier(TestKube.connection(config, client), config), config);
    }

    /**
     * What the reconcile loop does over several reconciles (ADR 0029), in one go: start the event's hooks, then look
     * at the running one again until none runs.
     */
    private List<HookExecution> runToEnd(List<Hook> hooks, HookEvent event, Duration timeout) throws ApplyException {
        List<HookExecution> executions = new ArrayList<>();
        HookProgress progress = runner.start(TARGET, hooks, event, timeout);
        executions.addAll(progress.finished());
        while (progress instanceof HookProgress.Running running) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ApplyException("interrupted", e);
            }
            progress = runner.resume(TARGET, hooks, event, running, timeout);
            executions.addAll(progress.finished());
        }
        return executions;
    }

    @Test
    void hooksRunByWeightThenNameAndOnlyForTheirEvent() throws Exception {
        List<Hook> hooks = List.of(
                configMapHook("late", 5, Set.of(HookEvent.PRE_INSTALL), List.of()),
                configMapHook("b-first", -1, Set.of(HookEvent.PRE_INSTALL), List.of()),
                configMapHook("a-first", -1, Set.of(HookEvent.PRE_INSTALL, HookEvent.PRE_UPGRADE), List.of()),
                configMapHook("other-event", -10, Set.of(HookEvent.POST_INSTALL), List.of()));

        List<HookExecution> executions = runToEnd(hooks, HookEvent.PRE_INSTALL, Duration.ofSeconds(5));

        assertThat(executions).extracting(HookExecution::name).containsExactly("a-first", "b-first", "late");
        assertThat(executions).extracting(HookExecution::phase).containsOnly(HookExecution.SUCCEEDED);
        assertThat(client.configMaps().inNamespace("team-a").withName("late").get()).isNotNull();
        assertThat(client.configMaps().inNamespace("team-a").withName("other-event").get()).isNull();
    }

    @Test
    void kindOrderOnlyBreaksTiesOfWeightAndName() {
        Hook job = jobHook("same", 0, List.of());
        Hook config = configMapHook("same", 0, Set.of(HookEvent.PRE_INSTALL), List.of());
        Hook earlierName = jobHook("aaa", 0, List.of());

        assertThat(HookRunner.order(List.of(job, config, earlierName), HookEvent.PRE_INSTALL))
                .containsExactly(earlierName, config, job);
    }

    @Test
    void aJobHookIsWaitedForAndDeletedAfterSuccessWhenItsPolicySaysSo() throws Exception {
        Hook migrate = jobHook("migrate", 0, List.of(Hook.BEFORE_HOOK_CREATION, Hook.HOOK_SUCCEEDED));

        CompletableFuture<List<HookExecution>> running = CompletableFuture.supplyAsync(() -> {
            try {
                return runToEnd(List.of(migrate), HookEvent.PRE_INSTALL, Duration.ofSeconds(20));
            } catch (ApplyException e) {
                throw new IllegalStateException(e);
            }
        });
        Job job = awaitJob("migrate");
        assertThat(running).isNotDone();
        markJob(job, "Complete");

        List<HookExecution> executions = running.get(20, TimeUnit.SECONDS);
        assertThat(executions).singleElement().satisfies(run -> {
            assertThat(run.phase()).isEqualTo(HookExecution.SUCCEEDED);
            assertThat(run.completedAt()).isAfterOrEqualTo(run.startedAt());
        });
        assertThat(client.batch().v1().jobs().inNamespace("team-a").withName("migrate").get()).isNull();
    }

    @Test
    void aFailedJobFailsTheHookAndIsDeletedWhenItsPolicySaysHookFailed() throws Exception {
        Hook migrate = jobHook("migrate", 0, List.of(Hook.HOOK_FAILED));

        CompletableFuture<Throwable> running = CompletableFuture.supplyAsync(() -> {
            try {
                runToEnd(List.of(migrate), HookEvent.PRE_INSTALL, Duration.ofSeconds(20));
                return null;
            } catch (ApplyException e) {
                return e;
            }
        });
        markJob(awaitJob("migrate"), "Failed");

        assertThat(running.get(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(HookFailedException.class, e -> {
            assertThat(e.getMessage()).contains("pre-install hook Job team-a/migrate failed")
                    .contains("BackoffLimitExceeded");
            assertThat(e.executions()).extracting(HookExecution::phase).containsExactly(HookExecution.FAILED);
        });
        assertThat(client.batch().v1().jobs().inNamespace("team-a").withName("migrate").get()).isNull();
    }

    @Test
    void aJobThatNeverCompletesTimesOutAndStaysWithoutHookFailedPolicy() {
        Hook migrate = jobHook("stuck", 0, List.of(Hook.HOOK_SUCCEEDED));

        assertThatThrownBy(() -> runToEnd(List.of(migrate), HookEvent.PRE_INSTALL, Duration.ofMillis(300)))
                .isInstanceOf(HookFailedException.class)
                .hasMessageContaining("Job team-a/stuck")
                .hasMessageContaining("timed out");
        assertThat(client.batch().v1().jobs().inNamespace("team-a").withName("stuck").get()).isNotNull();
    }

    @Test
    void beforeHookCreationReplacesThePreviousObjectInsteadOfUpdatingIt() throws Exception {
        client.configMaps().inNamespace("team-a").resource(new ConfigMapBuilder().withNewMetadata()
                .withName("seed").addToAnnotations("left-by", "previous-run").endMetadata()
                .addToData("old", "yes").build()).create();
        String oldUid = client.configMaps().inNamespace("team-a").withName("seed").get().getMetadata().getUid();

        runToEnd(List.of(configMapHook("seed", 0, Set.of(HookEvent.PRE_UPGRADE),
                List.of(Hook.BEFORE_HOOK_CREATION))), HookEvent.PRE_UPGRADE, Duration.ofSeconds(5));

        var seed = client.configMaps().inNamespace("team-a").withName("seed").get();
        assertThat(seed.getData()).containsEntry("hook", "seed").doesNotContainKey("old");
        assertThat(seed.getMetadata().getUid()).isNotEqualTo(oldUid);
    }

    private Job awaitJob(String name) throws InterruptedException {
        for (int i = 0; i < 400; i++) {
            Job job = client.batch().v1().jobs().inNamespace("team-a").withName(name).get();
            if (job != null) {
                return job;
            }
            Thread.sleep(25);
        }
        throw new AssertionError("the hook Job " + name + " was never created");
    }

    private void markJob(Job job, String conditionType) {
        job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
                .withConditions(new JobConditionBuilder().withType(conditionType).withStatus("True")
                        .withReason("Failed".equals(conditionType) ? "BackoffLimitExceeded" : null).build())
                .build());
        client.batch().v1().jobs().inNamespace("team-a").resource(job).update();
    }

    private Hook configMapHook(String name, int weight, Set<HookEvent> events, List<String> policies) {
        return new Hook(TestKube.object(client, """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: %s}
                data: {hook: %s}
                """.formatted(name, name)), events, weight, policies);
    }

    private Hook jobHook(String name, int weight, List<String> policies) {
        return new Hook(TestKube.object(client, """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: %s}
                spec:
                  template:
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: busybox}]
                """.formatted(name)), Set.of(HookEvent.PRE_INSTALL), weight, policies);
    }
}
