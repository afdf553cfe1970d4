package io.helmdeck.model.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DnsLabelTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "0", "nginx", "my-app", "a1", "1a", "a--b", "team-42"})
    void acceptsLabels(String value) {
        assertThat(DnsLabel.check(value, DnsLabel.MAX_TENANT)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-a", "a-", "-", "A", "myApp", "a_b", "a.b", "a b", " a", "é", "a/b"})
    void rejectsBadCharacters(String value) {
        assertThat(DnsLabel.check(value, DnsLabel.MAX_TENANT))
                .contains("must consist of lowercase letters, digits and '-', and start and end with a letter or digit");
    }

    @Test
    void requiresAValue() {
        assertThat(DnsLabel.check(null, 63)).contains("is required");
        assertThat(DnsLabel.check("", 63)).contains("is required");
    }

    @Test
    void enforcesMaxLengthInclusively() {
        assertThat(DnsLabel.check("a".repeat(63), DnsLabel.MAX_REPOSITORY_NAME)).isEmpty();
        assertThat(DnsLabel.check("a".repeat(64), DnsLabel.MAX_REPOSITORY_NAME)).contains("must be at most 63 characters");
        assertThat(DnsLabel.check("a".repeat(53), DnsLabel.MAX_RELEASE_NAME)).isEmpty();
        assertThat(DnsLabel.check("a".repeat(54), DnsLabel.MAX_RELEASE_NAME)).contains("must be at most 53 characters");
    }

    @Test
    void constants() {
        assertThat(DnsLabel.MAX_TENANT).isEqualTo(63);
        assertThat(DnsLabel.MAX_REPOSITORY_NAME).isEqualTo(63);
        assertThat(DnsLabel.MAX_RELEASE_NAME).isEqualTo(53);
    }

    @Test
    void rejectsNonPositiveMaxLength() {
        assertThatThrownBy(() -> DnsLabel.check("a", 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
