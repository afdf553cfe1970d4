package io.helmdeck.model.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class OciUrlTest {

    @ParameterizedTest
    @CsvSource({
            // input, host, port (0 = none), registry, repository, canonical
            "oci://registry-1.docker.io/bitnamicharts/nginx, registry-1.docker.io, 0, registry-1.docker.io, bitnamicharts/nginx, oci://registry-1.docker.io/bitnamicharts/nginx",
            "oci://ghcr.io/org/chart, ghcr.io, 0, ghcr.io, org/chart, oci://ghcr.io/org/chart",
            "OCI://GHCR.IO/org/chart, ghcr.io, 0, ghcr.io, org/chart, oci://ghcr.io/org/chart",
            "Oci://Registry.Example.COM:5000/a, registry.example.com, 5000, registry.example.com:5000, a, oci://registry.example.com:5000/a",
            "oci://localhost:5000/charts/podinfo, localhost, 5000, localhost:5000, charts/podinfo, oci://localhost:5000/charts/podinfo",
            "oci://localhost/x, localhost, 0, localhost, x, oci://localhost/x",
            "oci://127.0.0.1:65535/x, 127.0.0.1, 65535, 127.0.0.1:65535, x, oci://127.0.0.1:65535/x",
            "oci://10.0.0.1:1/x, 10.0.0.1, 1, 10.0.0.1:1, x, oci://10.0.0.1:1/x",
            "oci://[::1]:5000/x, [::1], 5000, [::1]:5000, x, oci://[::1]:5000/x",
            "oci://[::1]/x, [::1], 0, [::1], x, oci://[::1]/x",
            "oci://[2001:DB8::A]/x, [2001:db8::a], 0, [2001:db8::a], x, oci://[2001:db8::a]/x",
            "oci://[::ffff:192.168.0.1]/x, [::ffff:192.168.0.1], 0, [::ffff:192.168.0.1], x, oci://[::ffff:192.168.0.1]/x",
            "oci://[1:2:3:4:5:6:7:8]/x, [1:2:3:4:5:6:7:8], 0, [1:2:3:4:5:6:7:8], x, oci://[1:2:3:4:5:6:7:8]/x",
            "oci://my-registry.internal/a.b/c_d/e__f/g---h/0/x.y-z, my-registry.internal, 0, my-registry.internal, a.b/c_d/e__f/g---h/0/x.y-z, oci://my-registry.internal/a.b/c_d/e__f/g---h/0/x.y-z",
            "oci://123.dkr.ecr.us-east-1.amazonaws.com/charts/app, 123.dkr.ecr.us-east-1.amazonaws.com, 0, 123.dkr.ecr.us-east-1.amazonaws.com, charts/app, oci://123.dkr.ecr.us-east-1.amazonaws.com/charts/app",
            "oci://1host.example/x, 1host.example, 0, 1host.example, x, oci://1host.example/x",
    })
    void parsesAndNormalises(String input, String host, int port, String registry, String repository, String canonical) {
        OciUrl url = OciUrl.parse(input);
        assertThat(url.host()).isEqualTo(host);
        assertThat(url.port()).isEqualTo(port == 0 ? OptionalInt.empty() : OptionalInt.of(port));
        assertThat(url.registry()).isEqualTo(registry);
        assertThat(url.repository()).isEqualTo(repository);
        assertThat(url).hasToString(canonical);
        assertThat(OciUrl.parse(url.toString())).isEqualTo(url);
    }

    @Test
    void equalityIsOnTheCanonicalForm() {
        assertThat(OciUrl.parse("OCI://GHCR.io/org/chart"))
                .isEqualTo(OciUrl.parse("oci://ghcr.io/org/chart"))
                .hasSameHashCodeAs(OciUrl.parse("oci://ghcr.io/org/chart"))
                .isNotEqualTo(OciUrl.parse("oci://ghcr.io:443/org/chart"))
                .isNotEqualTo(OciUrl.parse("oci://ghcr.io/org/chart2"))
                .isNotEqualTo("oci://ghcr.io/org/chart");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "ghcr.io/org/chart", "https://ghcr.io/org/chart", "oci:/ghcr.io/org/chart",
            "oci:ghcr.io/x", "oc://ghcr.io/x", "docker://ghcr.io/x"})
    void requiresTheOciScheme(String input) {
        assertThatThrownBy(() -> OciUrl.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must be oci://host[:port]/repository, e.g. oci://ghcr.io/org/chart");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci://user:s3cret@ghcr.io/org/chart", "oci://user@ghcr.io/org/chart",
            "oci://:s3cret@ghcr.io/org/chart", "oci://user:pa/ss@ghcr.io/org/chart", "oci://user:p@ss@ghcr.io/org/chart",
            "oci://user:s3cret@ghcr.io", "oci://user:s3cret@ghcr.io/org/chart@sha256:abc",
            "oci://user:s3cret:x@ghcr.io/org/chart:1.0"})
    void rejectsCredentialsWithoutEchoingThem(String input) {
        assertThatThrownBy(() -> OciUrl.parse(input))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("must not contain credentials; use the auth field")
                .message().doesNotContain("s3cret").doesNotContain("user").doesNotContain("pa/ss");
    }

    @Test
    void noMessageEchoesTheInput() {
        for (String input : new String[] {"oci://s3cret", "oci://s3cret:99999/x", "oci://s3cret/X", "oci://s3cret/x?s3cret",
                "https://s3cret@host/x", "oci://s3cret/x:tag", "oci://[s3cret]/x", "oci://h/s3cret@x"}) {
            assertThatThrownBy(() -> OciUrl.parse(input))
                    .isInstanceOf(IllegalArgumentException.class)
                    .message().doesNotContain("s3cret");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci://ghcr.io/org/chart:1.0.0", "oci://ghcr.io/org/chart:latest", "oci://localhost:5000/chart:v1",
            "oci://ghcr.io/org/chart:"})
    void rejectsTags(String input) {
        assertThatThrownBy(() -> OciUrl.parse(input)).hasMessage("must not contain a tag; use ref.tag");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "oci://ghcr.io/org/chart@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef",
            "oci://ghcr.io/org/chart@sha512:abc"})
    void rejectsDigests(String input) {
        assertThatThrownBy(() -> OciUrl.parse(input)).hasMessage("must not contain a digest; use ref.digest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci://ghcr.io/org/chart?x=1", "oci://ghcr.io/org/chart#frag", "oci://ghcr.io/org?/chart",
            "oci://ghcr.io/org/chart?"})
    void rejectsQueryAndFragment(String input) {
        assertThatThrownBy(() -> OciUrl.parse(input)).hasMessage("must not contain a query (?) or fragment (#)");
    }

    @ParameterizedTest
    @ValueSource(strings = {" oci://ghcr.io/org/chart", "oci://ghcr.io/org/chart ", "oci://ghcr.io/org /chart",
            "oci://ghcr.io/org/chart\n", "oci://ghcr.io/org\t/chart", "oci://ghcr.io/org/chart\u00a0"})
    void rejectsWhitespace(String input) {
        assertThatThrownBy(() -> OciUrl.parse(input)).hasMessage("must not contain whitespace");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci://ghcr.io", "oci://ghcr.io/", "oci://localhost:5000", "oci://localhost:5000/"})
    void requiresAPath(String input) {
        assertThatThrownBy(() -> OciUrl.parse(input))
                .hasMessage("must include a repository path, e.g. oci://ghcr.io/org/chart");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci://", "oci:///org/chart", "OCI:///x"})
    void requiresAHost(String input) {
        assertThatThrownBy(() -> OciUrl.parse(input)).hasMessage("must include a host");
    }

    @Test
    void rejectsTrailingSlashAndEmptySegments() {
        assertThatThrownBy(() -> OciUrl.parse("oci://ghcr.io/org/chart/")).hasMessage("must not end with /");
        assertThatThrownBy(() -> OciUrl.parse("oci://ghcr.io//chart"))
                .hasMessage("must not contain empty path segments (//)");
        assertThatThrownBy(() -> OciUrl.parse("oci://ghcr.io/org//chart"))
                .hasMessage("must not contain empty path segments (//)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci://ghcr.io/Org/chart", "oci://ghcr.io/org/Chart", "oci://ghcr.io/org/-chart",
            "oci://ghcr.io/org/chart-", "oci://ghcr.io/org/.chart", "oci://ghcr.io/org/chart.", "oci://ghcr.io/org/a..b",
            "oci://ghcr.io/org/a___b", "oci://ghcr.io/org/a._b", "oci://ghcr.io/org/a%20b", "oci://ghcr.io/org/ché",
            "oci://ghcr.io/a:b/c", "oci://ghcr.io/org/a@b", "oci://ghcr.io/org/_a", "oci://ghcr.io/org/a\\b"})
    void rejectsPathsOutsideTheDistributionGrammar(String input) {
        assertThatThrownBy(() -> OciUrl.parse(input))
                .hasMessage("repository path must consist of lowercase letters and digits, "
                        + "separated by '.', '_', '__' or '-' within a component and '/' between components");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci://-ghcr.io/x", "oci://ghcr-.io/x", "oci://ghcr..io/x", "oci://ghcr.io./x", "oci://.ghcr.io/x",
            "oci://gh_cr.io/x", "oci://ghçr.io/x", "oci://256.0.0.1/x", "oci://1.2.3/x", "oci://01.2.3.4/x", "oci://1.2.3.4.5/x",
            "oci://ghcr.123/x", "oci://::1/x", "oci://[::1/x", "oci://[]/x", "oci://[::g]/x", "oci://[1::2::3]/x",
            "oci://[1:2:3:4:5:6:7:8:9]/x", "oci://[1:2:3:4:5:6:7]/x", "oci://[12345::]/x", "oci://[::1]x/x",
            "oci://[::1%eth0]/x", "oci://[1.2.3.4]/x", "oci://[::1.2.3]/x", "oci://[:1::]/x", "oci://[1:::2]/x",
            "oci://[1:2:3:4:5:6:7::1.2.3.4]/x", "oci://:5000/x"})
    void rejectsBadHosts(String input) {
        assertThatThrownBy(() -> OciUrl.parse(input))
                .hasMessage("host must be a DNS name, an IPv4 address or a bracketed IPv6 address");
    }

    @Test
    void acceptsHostLabelsUpTo63Characters() {
        String label = "a".repeat(63);
        assertThat(OciUrl.parse("oci://" + label + ".io/x").host()).isEqualTo(label + ".io");
        assertThatThrownBy(() -> OciUrl.parse("oci://" + label + "a.io/x")).hasMessageStartingWith("host must be");
    }

    @ParameterizedTest
    @ValueSource(strings = {"oci://ghcr.io:0/x", "oci://ghcr.io:65536/x", "oci://ghcr.io:/x", "oci://ghcr.io:abc/x",
            "oci://ghcr.io:-1/x", "oci://ghcr.io:+80/x", "oci://ghcr.io:123456/x", "oci://[::1]:/x", "oci://[::1]:0/x",
            "oci://ghcr.io:80:80/x"})
    void rejectsBadPorts(String input) {
        assertThatThrownBy(() -> OciUrl.parse(input)).hasMessage("port must be a number between 1 and 65535");
    }

    @Test
    void limitsRegistryPlusRepositoryTo255Characters() {
        String host = "registry.io"; // 11 characters, plus "/" leaves 243 for the path
        String ok = "oci://" + host + "/" + "a".repeat(243);
        assertThat(OciUrl.parse(ok).toString()).hasSize(6 + 255);
        assertThatThrownBy(() -> OciUrl.parse(ok + "b")).hasMessage("must be at most 255 characters after oci://");
        assertThatThrownBy(() -> OciUrl.parse("oci://" + host + "/" + "a/".repeat(200) + "a"))
                .hasMessage("must be at most 255 characters after oci://");
    }
}
