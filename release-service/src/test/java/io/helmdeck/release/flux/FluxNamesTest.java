package io.helmdeck.release.flux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Object names are valid Kubernetes names and never shared by two releases. */
class FluxNamesTest {

    private static final String DNS_LABEL = "[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?";

    @Test
    void nameIsReadableAndStable() {
        assertThat(FluxNames.objectName("team-a", "podinfo")).startsWith("team-a-podinfo-")
                .isEqualTo(FluxNames.objectName("team-a", "podinfo"))
                .matches(DNS_LABEL);
    }

    @Test
    void tenantAndNameThatJoinToTheSameTextStillGetDifferentNames() {
        assertThat(FluxNames.objectName("a-b", "c")).isNotEqualTo(FluxNames.objectName("a", "b-c"));
    }

    @Test
    void longestTenantAndReleaseNamesFitInALabel() {
        String tenant = "t".repeat(63);
        String first = FluxNames.objectName(tenant, "r".repeat(52) + "1");
        String second = FluxNames.objectName(tenant, "r".repeat(52) + "2");

        assertThat(first).hasSizeLessThanOrEqualTo(63).matches(DNS_LABEL);
        assertThat(first).isNotEqualTo(second);
    }
}
