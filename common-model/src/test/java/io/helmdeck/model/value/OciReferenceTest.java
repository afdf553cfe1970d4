package io.helmdeck.model.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.helmdeck.model.value.OciReference.Pinned;
import io.helmdeck.model.value.OciReference.Semver;
import io.helmdeck.model.value.OciReference.Tag;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OciReferenceTest {

    static final String DIGEST = "sha256:" + "0123456789abcdef".repeat(4);
    static final String TAG_MESSAGE =
            "must be an OCI tag: up to 128 letters, digits, '_', '.' or '-', not starting with '.' or '-'";

    @Test
    void defaultsToLatest() {
        assertThat(OciReference.of(null, null, null, null)).isEqualTo(new Tag("latest"));
        assertThat(OciReference.of("", "", "", "")).isEqualTo(new Tag("latest"));
    }

    @Test
    void precedenceIsDigestThenSemverThenTag() {
        assertThat(OciReference.of("1.0.0", ">=1.0.0", null, DIGEST)).isEqualTo(new Pinned(Digest.parse(DIGEST)));
        assertThat(OciReference.of("1.0.0", ">=1.0.0", "rc", null)).isEqualTo(new Semver(">=1.0.0", "rc"));
        assertThat(OciReference.of("1.0.0", null, null, null)).isEqualTo(new Tag("1.0.0"));
        assertThat(OciReference.of(null, null, null, DIGEST)).isInstanceOf(Pinned.class);
    }

    @Test
    void describesEachVariant() {
        assertThat(new Tag("18.9.0").describe()).isEqualTo("tag 18.9.0");
        assertThat(new Semver(">=1.0.0 <2.0.0", null).describe()).isEqualTo("semver >=1.0.0 <2.0.0");
        assertThat(new Semver(">=1.0.0 <2.0.0", "").describe()).isEqualTo("semver >=1.0.0 <2.0.0");
        assertThat(new Semver("^1", "-rc").describe()).isEqualTo("semver ^1 filter -rc");
        assertThat(new Pinned(Digest.parse(DIGEST)).describe()).isEqualTo("digest " + DIGEST);
    }

    @Test
    void semverVariantGivesItsSelector() {
        Semver s = (Semver) OciReference.of(null, "^1", null, null);
        assertThat(s.selector().selectHighest(List.of("1.0.0", "1.2.0", "2.0.0"))).contains("1.2.0");
        assertThat(s.filter()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"latest", "18.9.0", "v1.0.0", "_x", "1.0.0_build.1", "A-b.c_D", "0"})
    void acceptsTags(String tag) {
        assertThat(OciReference.validate(tag, null, null, null)).isEmpty();
        assertThat(new Tag(tag).tag()).isEqualTo(tag);
    }

    @ParameterizedTest
    @ValueSource(strings = {" ", ".x", "-x", "a b", "1.0.0+build", "a:b", "a/b", "a@b", "ä"})
    void rejectsBadTags(String tag) {
        assertThat(OciReference.validate(tag, null, null, null))
                .containsExactly(new FieldError("ref.tag", TAG_MESSAGE));
        assertThatThrownBy(() -> new Tag(tag)).hasMessage(TAG_MESSAGE);
    }

    @Test
    void tagLengthLimitIs128() {
        assertThat(OciReference.validate("a".repeat(128), null, null, null)).isEmpty();
        assertThat(OciReference.validate("a".repeat(129), null, null, null)).hasSize(1);
    }

    @Test
    void validatesEveryGivenFieldEvenWhenPrecedenceIgnoresIt() {
        List<FieldError> errors = OciReference.validate("bad tag", "garbage", "(", "sha256:nope");
        assertThat(errors).extracting(FieldError::field)
                .containsExactly("ref.tag", "ref.semver", "ref.semverFilter", "ref.digest");
        assertThat(errors.get(1).message()).isEqualTo("must be a semver range such as >=1.0.0 <2.0.0, ^1.2, ~1.2.3 or 1.x");
        assertThat(errors.get(2).message()).startsWith("must be a valid regular expression");
        assertThat(errors.get(3).message()).isEqualTo("must be sha256: followed by 64 lowercase hex characters");
    }

    @Test
    void filterNeedsSemver() {
        assertThat(OciReference.validate("1.0.0", null, "rc", null))
                .containsExactly(new FieldError("ref.semverFilter", "semverFilter needs semver"));
        assertThat(OciReference.validate(null, null, "rc", DIGEST))
                .containsExactly(new FieldError("ref.semverFilter", "semverFilter needs semver"));
        assertThat(OciReference.validate(null, ">=1.0.0", "rc", null)).isEmpty();
    }

    @Test
    void ofThrowsWithEveryFieldNamed() {
        assertThatThrownBy(() -> OciReference.of("bad tag", null, null, "sha256:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("ref.tag " + TAG_MESSAGE + "; ref.digest must be sha256: followed by 64 lowercase hex characters");
        assertThatThrownBy(() -> OciReference.of(null, null, "x", null))
                .hasMessage("ref.semverFilter semverFilter needs semver");
    }

    @Test
    void validReferencesHaveNoErrors() {
        assertThat(OciReference.validate("1.0.0", ">=1.0.0 <2.0.0", "^1\\.", DIGEST)).isEmpty();
        assertThat(OciReference.validate(null, null, null, null)).isEmpty();
    }

    @Test
    void variantsValidateOnConstruction() {
        assertThatThrownBy(() -> new Semver("garbage", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Semver(">=1.0.0", "(")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Semver(null, null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Pinned(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void isSealedOverTheThreeVariants() {
        assertThat(OciReference.class.isSealed()).isTrue();
        assertThat(OciReference.class.getPermittedSubclasses()).containsExactlyInAnyOrder(Tag.class, Semver.class, Pinned.class);
    }
}
