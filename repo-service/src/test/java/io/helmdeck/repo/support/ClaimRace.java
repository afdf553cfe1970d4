package io.helmdeck.repo.support;

import static io.helmdeck.repo.support.RepoApi.createMinimal;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * Two sync workers racing for the same due repositories, through whichever internal call a test names (claims or
 * exchanges): whatever the interleaving, no repository is leased to both, and between them they get all.
 */
public final class ClaimRace {

    private static final int REPOSITORIES = 40;
    private static final int ROUNDS = 20;

    /** One racing worker: called once a round, answers the ids of the race's repositories it took that round. */
    public interface Racer {
        List<Long> round();
    }

    private ClaimRace() {
    }

    /** Creates the race's repositories in {@code tenant}, races "racer-a" against "racer-b" and checks the split. */
    public static void assertNeverShared(String tenant, Function<String, Racer> racers) {
        IntStream.range(0, REPOSITORIES).forEach(i -> createMinimal(tenant, "race-" + i));
        // Both call at the same moment in every round, so the calls really interleave however the machine
        // schedules the two threads (one free-running worker could otherwise drain all 40 before the other starts).
        CyclicBarrier round = new CyclicBarrier(2);
        Racer racerA = racers.apply("racer-a");
        Racer racerB = racers.apply("racer-b");
        var first = CompletableFuture.supplyAsync(() -> inRounds(round, racerA));
        var second = CompletableFuture.supplyAsync(() -> inRounds(round, racerB));
        List<Long> a = first.join();
        List<Long> b = second.join();
        Set<Long> overlap = new HashSet<>(a);
        overlap.retainAll(b);
        assertThat(overlap).isEmpty();
        assertThat(a.size() + b.size()).isEqualTo(REPOSITORIES);
        assertThat(a).isNotEmpty();
        assertThat(b).isNotEmpty();
    }

    private static List<Long> inRounds(CyclicBarrier round, Racer racer) {
        List<Long> all = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            try {
                round.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            all.addAll(racer.round());
        }
        return all;
    }
}
