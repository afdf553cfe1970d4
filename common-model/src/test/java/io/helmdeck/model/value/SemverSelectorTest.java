package io.helmdeck.model.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class SemverSelectorTest {

    private static final String RANGE_MESSAGE = "must be a semver range such as >=1.0.0 <2.0.0, ^1.2, ~1.2.3 or 1.x";

    private static boolean matches(String range, String version) {
        return SemverSelector.parse(range, null).matches(version);
    }

    @ParameterizedTest(name = "{0} matches {1}")
    @CsvSource(delimiter = ';', value = {
            ">=18.0.0 <19.0.0       ; 18.0.0",
            ">=18.0.0 <19.0.0       ; 18.9.9",
            ">=1.0.0, <2.0.0        ; 1.5.0",
            ">=1.0.0,<2.0.0         ; 1.5.0",
            ">= 1.0.0 < 2.0.0       ; 1.0.0",
            "=> 1.0.0 =< 2.0.0      ; 2.0.0",
            "1.2.3                  ; 1.2.3",
            "=1.2.3                 ; 1.2.3",
            "v1.2.3                 ; 1.2.3",
            "1.2.3                  ; v1.2.3",
            "1.2.3                  ; 1.2.3_build.1",
            "!=1.2.3                ; 1.2.4",
            "!=1.2.x                ; 1.3.0",
            ">1.2.3                 ; 1.2.4",
            "<1.2.3                 ; 1.2.2",
            "<=1.2.3                ; 1.2.3",
            "^1.2.3                 ; 1.9.9",
            "^1.2                   ; 1.2.0",
            "^0.2.3                 ; 0.2.9",
            "^0.0.3                 ; 0.0.3",
            "~1.2.3                 ; 1.2.9",
            "~1.2                   ; 1.2.0",
            "~1                     ; 1.9.0",
            "~>1.2                  ; 1.2.5",
            "1.x                    ; 1.9.0",
            "1.X                    ; 1.0.0",
            "1.2.*                  ; 1.2.7",
            "1.2.x                  ; 1.2.0",
            "*                      ; 0.0.1",
            "x                      ; 99.0.0",
            "X                      ; 1.0.0",
            ">=*                    ; 1.0.0",
            "1.0.0 - 2.0.0          ; 2.0.0",
            "1.0.0 - 2.0.0          ; 1.0.0",
            "1.2 - 2                ; 2.9.9",
            "1.0.0 - 2.0.0 <1.5.0   ; 1.4.0",
            "<1.0.0 || >=3.0.0      ; 0.5.0",
            "<1.0.0 || >=3.0.0      ; 3.1.0",
            "1.0.0||2.0.0           ; 2.0.0",
            ">=1.2.x                ; 1.2.0",
            "<=1.2.x                ; 1.2.9",
            ">1.2.x                 ; 1.3.0",
            "<1.2                   ; 1.1.9",
            ">=1.0.0                ; 1.0.0_linux",
    })
    void matchingVersions(String range, String version) {
        assertThat(matches(range.strip(), version.strip())).isTrue();
    }

    @ParameterizedTest(name = "{0} does not match {1}")
    @CsvSource(delimiter = ';', value = {
            ">=18.0.0 <19.0.0       ; 19.0.0",
            ">=18.0.0 <19.0.0       ; 17.9.9",
            ">=1.0.0, <2.0.0        ; 2.0.0",
            ">=1.0.0,<2.0.0         ; 0.9.0",
            "1.2.3                  ; 1.2.4",
            "!=1.2.3                ; 1.2.3",
            "!=1.2.x                ; 1.2.9",
            ">1.2.3                 ; 1.2.3",
            "<1.2.3                 ; 1.2.3",
            "^1.2.3                 ; 2.0.0",
            "^1.2.3                 ; 1.2.2",
            "^0.2.3                 ; 0.3.0",
            "^0.0.3                 ; 0.0.4",
            "~1.2.3                 ; 1.3.0",
            "~1                     ; 2.0.0",
            "1.x                    ; 2.0.0",
            "1.2.*                  ; 1.3.0",
            "1.0.0 - 2.0.0          ; 2.0.1",
            "1.2 - 2                ; 3.0.0",
            "1.0.0 - 2.0.0 <1.5.0   ; 1.6.0",
            "<1.0.0 || >=3.0.0      ; 2.0.0",
            ">=1.2.x                ; 1.1.9",
            "<=1.2.x                ; 1.3.0",
            ">1.2.x                 ; 1.2.9",
            "<1.2                   ; 1.2.0",
            ">=1.0.0                ; latest",
            ">=1.0.0                ; 1.2",
            ">=1.0.0                ; V1.2.3",
            ">=1.0.0                ; 01.2.3",
            ">=1.0.0                ; 1.2.3.4",
            ">=1.0.0                ; ''",
    })
    void nonMatchingVersions(String range, String version) {
        assertThat(matches(range.strip(), version.strip())).isFalse();
    }

    @ParameterizedTest(name = "{0} and prerelease {1}: {2}")
    @CsvSource(delimiter = ';', value = {
            // A range without prereleases never matches one.
            ">=1.0.0 <2.0.0             ; 1.5.0-rc.1   ; false",
            "*                          ; 1.5.0-rc.1   ; false",
            "^1.0.0                     ; 1.5.0-rc.1   ; false",
            "1.x                        ; 1.5.0-rc.1   ; false",
            "!=1.2.3                    ; 1.5.0-rc.1   ; false",
            // A comparator naming a prerelease admits prereleases of any version (Masterminds, unlike npm).
            ">=1.0.0-0                  ; 1.5.0-rc.1   ; true",
            ">=1.0.0-0                  ; 1.0.0-alpha  ; true",
            ">=1.0.0-0                  ; 0.9.0-rc.1   ; false",
            ">=1.0.0-0 <2.0.0-0         ; 1.5.0-rc.1   ; true",
            ">=1.0.0-0 <2.0.0-0         ; 2.0.0-rc.1   ; false",
            // ... but every comparator of the AND group must name one.
            ">=1.0.0-0 <2.0.0           ; 1.5.0-rc.1   ; false",
            "1.0.0-rc.1 - 2.0.0         ; 1.0.0-rc.2   ; false",
            ">=1.0.0-0 <2.0.0 || >=3.0.0-0 ; 3.1.0-rc.1 ; true",
            "=1.2.3-rc.1                ; 1.2.3-rc.1   ; true",
            "=1.2.3-rc.1                ; 1.2.3-rc.2   ; false",
            "!=1.2.3-rc.1               ; 1.2.3-rc.2   ; true",
            ">1.2.3-rc.1                ; 1.2.3-rc.2   ; true",
            ">1.2.3-rc.1                ; 1.2.3-rc.1   ; false",
            "^1.2.3-beta.2              ; 1.5.0-rc.1   ; true",
            "^1.2.3-beta.2              ; 2.0.0-rc.1   ; false",
            "^1.2.3-beta.2              ; 1.2.3-beta.1 ; false",
            "~1.2.3-beta.2              ; 1.2.9-rc.1   ; true",
            "~1.2.3-beta.2              ; 1.3.0-rc.1   ; false",
            // Releases still match prerelease ranges normally.
            ">=1.0.0-0                  ; 1.0.0        ; true",
            "^1.2.3-beta.2              ; 1.2.3        ; true",
    })
    void prereleasesFollowMasterminds(String range, String version, boolean expected) {
        assertThat(matches(range.strip(), version.strip())).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "garbage", "latest", ">=abc", ">=1.0.0 <2.0.0 foo", "1.2.3 || garbage", "1.2.3 ||",
            "|| 1.2.3", "1.2.3 | 2.0.0", "1.2.3 ; 2.0.0", "[1.0,2.0)", ">=", ">= ", "1.2.3 -", "- 1.2.3", ">=1.0.0 - 2.0.0",
            "1.0.0 - >=2.0.0", "1.0.0 -2.0.0", "<>1.0.0", "=>=1.0.0", "01.2.3", "1.02.3", "1.2.3.4", "1.2.3-rc.01",
            "1.2.3-", "1.2.3+", "1.2-rc.1", "1.x-rc.1", "1.x.3", "x.1", ">x", "<*", "!=*", "v", "vv1.2.3",
            "V1.2.3", "99999999999.0.0", ">=1.0.0 && <2.0.0", "~~1.2.3", "^^1"})
    void rejectsInvalidRanges(String range) {
        assertThatThrownBy(() -> SemverSelector.parse(range, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(RANGE_MESSAGE);
    }

    @Test
    void rejectsInvalidFiltersWithoutEchoingThem() {
        assertThatThrownBy(() -> SemverSelector.parse(">=1.0.0", "(s3cret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("must be a valid regular expression")
                .message().doesNotContain("s3cret");
    }

    @Test
    void selectsTheHighestMatchingTagAndReturnsItAsStored() {
        List<String> tags = List.of("18.8.0", "18.9.0", "18.10.0", "19.0.0", "18.10.1-rc.1", "latest", "18.9.1_1", "sha256-abc");
        assertThat(SemverSelector.parse(">=18.0.0 <19.0.0", null).selectHighest(tags)).contains("18.10.0");
        assertThat(SemverSelector.parse("18.9.x", null).selectHighest(tags)).contains("18.9.1_1");
        assertThat(SemverSelector.parse(">=20.0.0", null).selectHighest(tags)).isEmpty();
        assertThat(SemverSelector.parse("*", null).selectHighest(List.of())).isEmpty();
        assertThat(SemverSelector.parse("*", null).selectHighest(List.of("latest", "main"))).isEmpty();
    }

    @Test
    void buildMetadataInTagsComesFromUnderscores() {
        SemverSelector any = SemverSelector.parse("*", null);
        assertThat(any.selectHighest(List.of("1.0.0_build.1", "0.9.0"))).contains("1.0.0_build.1");
        assertThat(any.matches("1.0.0_a_b")).isFalse(); // two '+' are not semver
    }

    @Test
    void acceptsALeadingV() {
        SemverSelector s = SemverSelector.parse("^1.0.0", null);
        assertThat(s.selectHighest(List.of("v1.2.0", "1.1.0", "v2.0.0"))).contains("v1.2.0");
    }

    @Test
    void equalVersionsAreOrderedByTagText() {
        SemverSelector any = SemverSelector.parse("*", null);
        assertThat(any.selectHighest(List.of("v1.0.0", "1.0.0"))).contains("1.0.0");
        assertThat(any.selectHighest(List.of("1.0.0_b", "1.0.0_a"))).contains("1.0.0_a");
    }

    @Test
    void prereleasesAreSelectedOnlyWhenTheRangeAsksForThem() {
        List<String> tags = List.of("1.0.0", "1.1.0-rc.1", "1.1.0-rc.2");
        assertThat(SemverSelector.parse(">=1.0.0", null).selectHighest(tags)).contains("1.0.0");
        assertThat(SemverSelector.parse(">=1.0.0-0", null).selectHighest(tags)).contains("1.1.0-rc.2");
        assertThat(SemverSelector.parse(">=1.0.0-0", null).selectHighest(List.of("1.1.0-rc.1", "1.1.0")))
                .contains("1.1.0");
    }

    @Test
    void filterIsAppliedToTheVersionWithPlus() {
        List<String> tags = List.of("1.0.0", "1.1.0", "1.2.0_hotfix.1", "2.0.0");
        assertThat(SemverSelector.parse(">=1.0.0", "hotfix").selectHighest(tags)).contains("1.2.0_hotfix.1");
        assertThat(SemverSelector.parse(">=1.0.0", "\\+hotfix").selectHighest(tags)).contains("1.2.0_hotfix.1");
        assertThat(SemverSelector.parse(">=1.0.0", "_hotfix").selectHighest(tags)).isEmpty();
        assertThat(SemverSelector.parse(">=1.0.0", "^1\\.").selectHighest(tags)).contains("1.2.0_hotfix.1");
        assertThat(SemverSelector.parse(">=1.0.0", "^1\\.[01]\\.").selectHighest(tags)).contains("1.1.0");
        assertThat(SemverSelector.parse("<2.0.0", "^2").selectHighest(tags)).isEmpty();
    }

    @Test
    void filterCanSelectPrereleasesOnlyTogetherWithAPrereleaseRange() {
        List<String> tags = List.of("1.0.0", "1.1.0-rc.1");
        assertThat(SemverSelector.parse(">=1.0.0", "-rc").selectHighest(tags)).isEmpty();
        assertThat(SemverSelector.parse(">=1.0.0-0", "-rc").selectHighest(tags)).contains("1.1.0-rc.1");
    }

    @Test
    void emptyFilterMeansNoFilter() {
        SemverSelector s = SemverSelector.parse(" >=1.0.0 ", "");
        assertThat(s.filter()).isEmpty();
        assertThat(s.range()).isEqualTo(">=1.0.0");
        assertThat(s.selectHighest(List.of("1.0.0"))).contains("1.0.0");
    }

    @Test
    void ignoresNullTags() {
        assertThat(SemverSelector.parse("*", null).selectHighest(Arrays.asList(null, "1.0.0"))).contains("1.0.0");
        assertThat(SemverSelector.sortNewestFirst(Arrays.asList(null, "b", "1.0.0"))).containsExactly("1.0.0", "b");
    }

    @Test
    void sortsVersionsNewestFirstThenOtherTagsAlphabetically() {
        List<String> tags = List.of("latest", "1.0.0", "1.10.0", "1.2.0", "2.0.0-rc.1", "2.0.0", "1.2.0_build.5",
                "v1.5.0", "main", "Beta", "alpha", "1.2", "sha256-abc");
        assertThat(SemverSelector.sortNewestFirst(tags)).containsExactly(
                "2.0.0", "2.0.0-rc.1", "1.10.0", "v1.5.0", "1.2.0", "1.2.0+build.5", "1.0.0",
                "1.2", "alpha", "Beta", "latest", "main", "sha256-abc");
    }

    @Test
    void sortKeepsUnderscoresInNonVersionTagsAndDropsDuplicates() {
        assertThat(SemverSelector.sortNewestFirst(List.of("my_tag", "1.0.0_x", "1.0.0+x", "my_tag")))
                .containsExactly("1.0.0+x", "my_tag");
    }

    @Test
    void valueSemantics() {
        assertThat(SemverSelector.parse(">=1.0.0", "x")).isEqualTo(SemverSelector.parse(">=1.0.0", "x"))
                .hasSameHashCodeAs(SemverSelector.parse(">=1.0.0", "x"))
                .isNotEqualTo(SemverSelector.parse(">=1.0.0", null))
                .hasToString(">=1.0.0 (filter x)");
        assertThat(SemverSelector.parse("^1", null)).hasToString("^1");
    }
}
