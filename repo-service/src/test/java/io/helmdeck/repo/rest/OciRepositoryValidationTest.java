package io.helmdeck.repo.rest;

import static io.helmdeck.repo.support.Api.create;
import static io.helmdeck.repo.support.Api.newTenant;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.helmdeck.support.testing.Db;
import io.quarkus.test.junit.QuarkusTest;
import io.helmdeck.repo.support.RepositoryRows;

/** Every field rule of PRODUCT.md §2, with good and bad values; a rejected create stores nothing. */
@QuarkusTest
class OciRepositoryValidationTest {

    /** A real self-signed certificate (openssl, 100 years). */
    private static final String REAL_CA = """
            -----BEGIN CERTIFICATE-----
            MIIBjDCCATOgAwIBAgIUIjbGAqilWoc7g1nBlM/fePOiYkowCgYIKoZIzj0EAwIw
            GzEZMBcGA1UEAwwQaGVsbWRlY2stdGVzdC1jYTAgFw0yNjExMjQwNDEwMjZaGA8y
            MTI2MTAzMTA0MTAyNlowGzEZMBcGA1UEAwwQaGVsbWRlY2stdGVzdC1jYTBZMBMG
            ByqGSM49AgEGCCqGSM49AwEHA0IABNzHLPYYDHvJtSIol0iTtc5fUMOrwyxRuDc+
            IvnG4JoTxrMJNrkpgy8yfjbPDGsA9S3FbY6a5kOQ/VFx6LZ0lN6jUzBRMB0GA1Ud
            DgQWBBTJgLJNOcAGTJEct3jt6xyZNah+VzAfBgNVHSMEGDAWgBTJgLJNOcAGTJEc
            t3jt6xyZNah+VzAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0cAMEQCIHPd
            mATNvJJbgIdHJXOHm04cIkwKTWKSHv6I9xQ8p7YQAiATc1cpRkSj7r3eZ7jaVcDO
            pJNWJSCbJYmAepnYHmqs6A==
            -----END CERTIFICATE-----
            """;

    private static final String GARBAGE_IN_PEM = """
            -----BEGIN CERTIFICATE-----
            MIIBfTCCASOgAwIBAgIUb6b9bxVpX3JQ0k1kVQ5o1xkq0nswCgYIKoZIzj0EAwIw
            -----END CERTIFICATE-----
            """;

    @ParameterizedTest(name = "{0} = {1} is rejected")
    @CsvSource(delimiter = '|', textBlock = """
            name                    | ''
            name                    | Podinfo
            name                    | -podinfo
            name                    | pod_info
            name                    | aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
            url                     | ''
            url                     | https://ghcr.io/charts/podinfo
            url                     | oci://ghcr.io/charts/podinfo:6.5.0
            url                     | oci://ghcr.io/charts/podinfo@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            url                     | oci://user:pw@ghcr.io/charts/podinfo
            url                     | oci://ghcr.io/charts/pod info
            url                     | oci://ghcr.io
            url                     | oci://ghcr.io/Charts/Podinfo
            url                     | oci://ghcr.io:99999/charts/podinfo
            interval                | 00:09
            interval                | 60:00
            interval                | 5:00
            interval                | 05:60
            interval                | 1h
            interval                | 5s
            interval                | soon
            timeout                 | 0s
            timeout                 | 2h
            timeout                 | sixty
            timeout                 | -5s
            ref.tag                 | -bad
            ref.tag                 | a/b
            ref.digest              | sha256:1234
            ref.digest              | md5:0123456789abcdef0123456789abcdef
            ref.digest              | sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef
            ref.semver              | >=banana
            ref.semverFilter        | ([
            layerSelector.mediaType | not a media type
            layerSelector.operation | unpack
            auth.type               | kerberos
            caCertificate           | not a certificate
            description             | @1025
            """)
    void badValueGets422WithItsField(String field, String value) {
        String tenant = newTenant();
        String body = bodyWith(field, value.equals("@1025") ? "x".repeat(1025) : value);
        create(tenant, body).then().statusCode(422)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:helmdeck:problem:validation"))
                .body("title", notNullValue())
                .body("status", equalTo(422))
                .body("violations.field", hasItem(field));
        assertThat(RepositoryRows.dumpTenant(tenant)).isEmpty();
    }

    @ParameterizedTest(name = "{0} = {1} is accepted and shown as {2}")
    @CsvSource(delimiter = '|', textBlock = """
            interval   | 00:10                               | 00:10
            interval   | 59:59                               | 59:59
            interval   | 5m                                  | 05:00
            interval   | 1m30s                               | 01:30
            interval   | 10s                                 | 00:10
            interval   | 59m59s                              | 59:59
            timeout    | 1s                                  | 1s
            timeout    | 1h                                  | 1h
            timeout    | 1.5s                                | 1.5s
            url        | oci://LOCALHOST:5000/charts/podinfo | oci://localhost:5000/charts/podinfo
            url        | oci://127.0.0.1:5000/a/b/c          | oci://127.0.0.1:5000/a/b/c
            url        | oci://[::1]:5000/charts/x           | oci://[::1]:5000/charts/x
            ref.tag    | 6.5.0_build.1                       | 6.5.0_build.1
            ref.digest | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef | sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
            ref.semver | >=18.0.0 <19.0.0                    | >=18.0.0 <19.0.0
            ref.semver | ^1.2                                | ^1.2
            """)
    void goodValueIsAcceptedAndNormalised(String field, String value, String shown) {
        String tenant = newTenant();
        create(tenant, bodyWith(field, value)).then().statusCode(201).body(field, equalTo(shown));
    }

    @ParameterizedTest(name = "auth {0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type":"basic","password":"p"}                          | auth.username
            {"type":"basic","username":"u"}                          | auth.password
            {"type":"basic","username":"u","password":"p","token":"t"} | auth.token
            {"type":"bearer"}                                        | auth.token
            {"type":"none","password":"p"}                           | auth.password
            {"type":"dockerconfigjson"}                              | auth.dockerconfigjson
            {"type":"dockerconfigjson","dockerconfigjson":"{}"}      | auth.dockerconfigjson
            {"type":"dockerconfigjson","dockerconfigjson":"nope"}    | auth.dockerconfigjson
            """)
    void incompleteCredentialsAreRejected(String auth, String field) {
        String tenant = newTenant();
        create(tenant, "{\"name\":\"x\",\"url\":\"oci://r.example.com/x\",\"auth\":" + auth + "}")
                .then().statusCode(422).body("violations.field", hasItem(field));
        assertThat(RepositoryRows.dumpTenant(tenant)).isEmpty();
    }

    @ParameterizedTest(name = "labels {0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"Bad Key":"v"}      | 422
            {"k":"bad value!"}   | 422
            {"-k":"v"}           | 422
            {"a.io/k":"v"}       | 201
            {"k":""}             | 201
            """)
    void labelsFollowKubernetesRules(String labels, int status) {
        create(newTenant(), "{\"name\":\"x\",\"url\":\"oci://r.example.com/x\",\"labels\":" + labels + "}")
                .then().statusCode(status);
    }

    @org.junit.jupiter.api.Test
    void everyViolationIsReportedAtOnce() {
        String tenant = newTenant();
        create(tenant, "{\"name\":\"Bad\",\"url\":\"http://x\",\"interval\":\"99:99\",\"timeout\":\"x\"}")
                .then().statusCode(422)
                .body("violations.size()", equalTo(4))
                .body("violations.field", equalTo(java.util.List.of("name", "url", "interval", "timeout")));
    }

    @org.junit.jupiter.api.Test
    void digestWinsOverSemverAndTagButAllAreKept() {
        String digest = "sha256:" + "ab".repeat(32);
        create(newTenant(), "{\"name\":\"x\",\"url\":\"oci://r.example.com/x\",\"ref\":{\"tag\":\"1.0.0\","
                + "\"semver\":\"1.x\",\"digest\":\"" + digest + "\"}}")
                .then().statusCode(201)
                .body("ref.digest", equalTo(digest))
                .body("ref.tag", equalTo("1.0.0"));
    }

    @org.junit.jupiter.api.Test
    void caCertificateMustParseAsX509() {
        create(newTenant(), bodyWith("caCertificate", GARBAGE_IN_PEM)).then().statusCode(422)
                .body("violations.field", hasItem("caCertificate"));
        create(newTenant(), bodyWith("caCertificate", REAL_CA)).then().statusCode(201)
                .body("caCertificate", equalTo(REAL_CA));
    }

    /** A valid body with one field (dotted path) set to {@code value}. */
    static String bodyWith(String field, String value) {
        String name = field.equals("name") ? value : "chart";
        String url = field.equals("url") ? value : "oci://registry.example.com/charts/chart";
        StringBuilder body = new StringBuilder("{\"name\":" + quote(name) + ",\"url\":" + quote(url));
        if (!field.equals("name") && !field.equals("url")) {
            String[] parts = field.split("\\.");
            if (parts.length == 1) {
                body.append(",\"").append(field).append("\":").append(quote(value));
            } else if (parts[0].equals("auth")) {
                body.append(",\"auth\":{\"type\":").append(quote(value)).append("}");
            } else {
                body.append(",\"").append(parts[0]).append("\":{\"").append(parts[1]).append("\":")
                        .append(quote(value)).append("}");
            }
        }
        return body.append("}").toString();
    }

    private static String quote(String value) {
        return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }
}
