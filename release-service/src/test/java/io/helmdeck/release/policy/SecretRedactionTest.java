package io.helmdeck.release.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Secret values never leave in a manifest response; keys, other objects and Helm's layout stay. */
class SecretRedactionTest {

    private static final String MANIFEST = """
            ---
            # Source: app/templates/configmap.yaml
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: app
            data:
              # a comment Helm kept
              greeting: hello
            ---
            # Source: app/templates/secret.yaml
            apiVersion: v1
            kind: Secret
            metadata:
              name: app-db
              labels:
                app: app
            type: Opaque
            data:
              password: c3VwZXItc2VjcmV0LXBhc3N3b3Jk
              username: YWRtaW4=
            stringData:
              token: plain-text-token-value
            """;

    @Test
    void valuesOfDataAndStringDataBecomeTheMarkerAndKeysStay() {
        String shown = SecretRedaction.manifest(MANIFEST);
        assertThat(shown).doesNotContain("c3VwZXItc2VjcmV0LXBhc3N3b3Jk", "YWRtaW4=", "plain-text-token-value");
        assertThat(shown).contains("password: " + SecretRedaction.MARKER, "username: " + SecretRedaction.MARKER,
                "token: " + SecretRedaction.MARKER);
        assertThat(shown).contains("# Source: app/templates/secret.yaml\napiVersion: v1\nkind: Secret",
                "name: app-db", "app: app", "type: Opaque");
    }

    @Test
    void otherDocumentsAreReturnedAsStored() {
        String shown = SecretRedaction.manifest(MANIFEST);
        assertThat(shown).startsWith("""
                ---
                # Source: app/templates/configmap.yaml
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: app
                data:
                  # a comment Helm kept
                  greeting: hello
                ---
                """);
        String noSecret = "---\n# Source: a/t.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n";
        assertThat(SecretRedaction.manifest(noSecret)).isEqualTo(noSecret);
        assertThat(SecretRedaction.manifest("")).isEmpty();
    }

    @Test
    void aChangedValueLooksTheSameButAChangedKeyShows() {
        String rotated = MANIFEST.replace("c3VwZXItc2VjcmV0LXBhc3N3b3Jk", "bmV3LXBhc3N3b3Jk");
        assertThat(SecretRedaction.manifest(rotated)).isEqualTo(SecretRedaction.manifest(MANIFEST));
        String renamed = MANIFEST.replace("password:", "passphrase:");
        assertThat(SecretRedaction.manifest(renamed)).isNotEqualTo(SecretRedaction.manifest(MANIFEST))
                .contains("passphrase: " + SecretRedaction.MARKER);
    }

    @Test
    void secretsSpelledWithEscapesOrInsideListsAreFoundToo() {
        String escaped = "---\n# Source: x/s.yaml\napiVersion: v1\nkind: \"\\x53ecret\"\nmetadata: {name: s}\n"
                + "stringData: {key: escaped-value}\n";
        assertThat(SecretRedaction.manifest(escaped)).doesNotContain("escaped-value").contains("key: <redacted>");
        String list = """
                ---
                # Source: x/list.yaml
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Secret
                  metadata: {name: in-list}
                  data: {k: bGlzdGVkLXZhbHVl}
                """;
        assertThat(SecretRedaction.manifest(list)).doesNotContain("bGlzdGVkLXZhbHVl").contains("k: <redacted>");
    }

    @Test
    void aSecretWithMalformedDataIsHiddenWhole() {
        String odd = "---\napiVersion: v1\nkind: Secret\nmetadata: {name: odd}\ndata: not-a-map-but-secret\n";
        assertThat(SecretRedaction.manifest(odd)).doesNotContain("not-a-map-but-secret")
                .contains("data: " + SecretRedaction.MARKER);
    }
}
