package io.helmdeck.model.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

class RevisionTest {

    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);

    @Test
    void parsesTagAndDigest() {
        Revision r = Revision.parse("18.9.0@" + DIGEST);
        assertThat(r.tag()).isEqualTo("18.9.0");
        assertThat(r.digest()).isEqualTo(Digest.parse(DIGEST));
        assertThat(r).hasToString("18.9.0@" + DIGEST);
        assertThat(Revision.parse(r.toString())).isEqualTo(r);
    }

    @Test
    void parsesDigestOnly() {
        Revision r = Revision.parse(DIGEST);
        assertThat(r.tag()).isNull();
        assertThat(r).hasToString(DIGEST);
        assertThat(Revision.parse(r.toString())).isEqualTo(r);
    }

    @Test
    void keepsUnderscoreTags() {
        assertThat(Revision.parse("1.0.0_build.1@" + DIGEST).tag()).isEqualTo("1.0.0_build.1");
    }

    @Test
    void ofBuildsBothForms() {
        Digest d = Digest.parse(DIGEST);
        assertThat(Revision.of("latest", d)).hasToString("latest@" + DIGEST);
        assertThat(Revision.of(null, d)).hasToString(DIGEST);
        assertThatThrownBy(() -> Revision.of("bad tag", d)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Revision.of("", d)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Revision.of("1.0.0", null)).isInstanceOf(NullPointerException.class);
    }

    static Stream<String> invalidRevisions() {
        return Stream.of(null, "", "18.9.0", "18.9.0@", "@" + DIGEST, "18.9.0@@" + DIGEST, "a@b@" + DIGEST, ".x@" + DIGEST,
                "18.9.0@sha256:abc", "18.9.0:" + DIGEST, " 18.9.0@" + DIGEST, "18.9.0@" + DIGEST.toUpperCase(),
                "18.9.0@" + DIGEST + " ", "a b@" + DIGEST);
    }

    @ParameterizedTest
    @MethodSource("invalidRevisions")
    void rejectsInvalidRevisions(String input) {
        assertThatThrownBy(() -> Revision.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be <tag>@sha256:<64 hex> or sha256:<64 hex>");
    }
}
