package io.helmdeck.model.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.MethodSource;

class DigestTest {

    static final String HEX = "a".repeat(32) + "0123456789abcdef".repeat(2);

    @Test
    void parsesAndPrintsSha256() {
        Digest d = Digest.parse("sha256:" + HEX);
        assertThat(d.algorithm()).isEqualTo("sha256");
        assertThat(d.hex()).isEqualTo(HEX);
        assertThat(d).hasToString("sha256:" + HEX);
        assertThat(Digest.parse(d.toString())).isEqualTo(d);
    }

    static Stream<String> invalidDigests() {
        return Stream.of(null, "", "sha256:", "sha256", HEX, "sha512:" + HEX, "SHA256:" + HEX, "sha256:" + HEX.toUpperCase(),
                " sha256:" + HEX, "sha256:" + HEX + " ", "sha256:" + HEX + "0", "sha256:" + HEX.substring(1),
                "sha256:" + HEX.substring(1) + "g", "sha256::" + HEX, "md5:d41d8cd98f00b204e9800998ecf8427e");
    }

    @ParameterizedTest
    @MethodSource("invalidDigests")
    void rejectsInvalidDigests(String input) {
        assertThatThrownBy(() -> Digest.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be sha256: followed by 64 lowercase hex characters");
    }

    @Test
    void constructorValidatesToo() {
        assertThatThrownBy(() -> new Digest("sha256", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Digest("sha512", HEX)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Digest(null, HEX)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Digest("sha256", HEX)).isEqualTo(Digest.parse("sha256:" + HEX));
    }

    @Test
    void hashesBytes() {
        assertThat(Digest.sha256Of(new byte[0]))
                .hasToString("sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assertThat(Digest.sha256Of("abc".getBytes(StandardCharsets.US_ASCII)))
                .hasToString("sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
