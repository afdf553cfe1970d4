package io.helmdeck.support.service;

import io.helmdeck.model.ProblemException;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PreconditionsTest {

    @Test
    void ifMatchAcceptsCurrentWeakListAndStar() {
        assertThatCode(() -> Preconditions.checkIfMatch(null, 3, "repository")).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.checkIfMatch("\"3\"", 3, "repository")).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.checkIfMatch("W/\"3\"", 3, "repository")).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.checkIfMatch("\"1\", \"3\"", 3, "repository")).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.checkIfMatch("*", 3, "repository")).doesNotThrowAnyException();
    }

    @Test
    void staleIfMatchIs412AndStaleVersionIs409() {
        assertThatThrownBy(() -> Preconditions.checkIfMatch("\"2\"", 3, "repository")).isInstanceOfSatisfying(ProblemException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(412));
        assertThatThrownBy(() -> Preconditions.checkIfMatch("3", 3, "repository")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> Preconditions.checkVersion(2L, 3, "repository")).isInstanceOfSatisfying(ProblemException.class,
                e -> org.assertj.core.api.Assertions.assertThat(e.status()).isEqualTo(409));
        assertThatCode(() -> Preconditions.checkVersion(null, 3, "repository")).doesNotThrowAnyException();
        assertThatCode(() -> Preconditions.checkVersion(3L, 3, "repository")).doesNotThrowAnyException();
    }
}
