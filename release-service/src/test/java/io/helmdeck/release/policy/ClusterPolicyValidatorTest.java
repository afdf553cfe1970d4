package io.helmdeck.release.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.helmdeck.model.ClusterPolicy;
import io.helmdeck.model.ProblemException;
import io.helmdeck.model.Violation;

/** The rules of a cluster policy body, one violation per bad entry. */
class ClusterPolicyValidatorTest {

    private final ClusterPolicyValidator validator = new ClusterPolicyValidator();

    private static ClusterPolicy body(List<String> namespaces, List<String> kinds, String serviceAccount) {
        return new ClusterPolicy(null, namespaces, kinds, serviceAccount, false, null, null);
    }

    private List<String> rejected(ClusterPolicy body) {
        ProblemException e = catchThrowableOfType(ProblemException.class, () -> validator.validate(body));
        assertThat(e).as("rejected").isNotNull();
        assertThat(e.status()).isEqualTo(422);
        return e.violations().stream().map(Violation::field).toList();
    }

    @Test
    void namesPrefixesAndTheWildcardAreAccepted() {
        ClusterPolicySpec spec = validator.validate(body(List.of("team-a", "team-a-*", "x*", "*", "a".repeat(63)),
                List.of("CustomResourceDefinition", "ClusterRole"), "helmdeck-tenant.deployer"));
        assertThat(spec.namespaces()).containsExactly("team-a", "team-a-*", "x*", "*", "a".repeat(63));
        assertThat(spec.clusterScopedKinds()).containsExactly("CustomResourceDefinition", "ClusterRole");
        assertThat(spec.serviceAccountName()).isEqualTo("helmdeck-tenant.deployer");
        assertThat(validator.validate(body(List.of(), null, null)).clusterScopedKinds()).isEmpty();
    }

    @Test
    void badNamespaceEntriesAreEachReported() {
        assertThat(rejected(body(Arrays.asList("ok", "UPPER", "a*b", "**", "-a*", "", null, "a".repeat(64),
                "a".repeat(63) + "*", "team_a"), null, null))).containsExactly("namespaces[1]", "namespaces[2]",
                "namespaces[3]", "namespaces[4]", "namespaces[5]", "namespaces[6]", "namespaces[7]", "namespaces[8]",
                "namespaces[9]");
        assertThat(rejected(body(null, null, null))).containsExactly("namespaces");
        assertThat(rejected(body(Collections.nCopies(101, "a"), null, null))).containsExactly("namespaces");
    }

    @Test
    void kindsAreKubernetesKindNames() {
        assertThat(rejected(body(List.of("a"), Arrays.asList("Role", "role", "Cluster Role", "*", "Kind.group", null,
                "K".repeat(64)), null))).containsExactly("clusterScopedKinds[1]", "clusterScopedKinds[2]",
                "clusterScopedKinds[3]", "clusterScopedKinds[4]", "clusterScopedKinds[5]", "clusterScopedKinds[6]");
    }

    @Test
    void theServiceAccountIsADnsSubdomainOrNull() {
        for (String bad : List.of("", "Deployer", "a_b", "-a", "a.", "a".repeat(254))) {
            assertThat(rejected(body(List.of("a"), null, bad))).as(bad).containsExactly("serviceAccountName");
        }
        assertThat(validator.validate(body(List.of("a"), null, null)).serviceAccountName()).isNull();
    }
}
