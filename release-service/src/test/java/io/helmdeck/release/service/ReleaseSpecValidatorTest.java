package io.helmdeck.release.service;

import io.helmdeck.model.ProblemException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.DriftDetection;
import io.helmdeck.model.DriftIgnoreRule;
import io.helmdeck.model.DriftTarget;
import io.helmdeck.model.HelmReleaseRequest;
import io.helmdeck.model.InstallSpec;
import io.helmdeck.model.Remediation;
import io.helmdeck.model.UpgradeSpec;
import io.helmdeck.model.Violation;
import io.helmdeck.release.config.ValuesLimits;
import io.helmdeck.release.config.TenantConfig;

/** Every field rule and default of PRODUCT.md §4, without booting the application. */
class ReleaseSpecValidatorTest {

    private static final ValuesLimits API = new ValuesLimits() {
        @Override
        public int maxValuesBytes() {
            return 512 * 1024;
        }

        @Override
        public int maxValuesDepth() {
            return 32;
        }
    };

    private final ReleaseSpecValidator validator = new ReleaseSpecValidator(new ObjectMapper(), API, tenantTemplate("{tenant}"));

    private static TenantConfig tenantTemplate(String template) {
        return () -> template;
    }

    private static HelmReleaseRequest request(String name, String sourceType, String sourceName) {
        return new HelmReleaseRequest(name, sourceType, sourceName, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null);
    }

    private static Builder valid() {
        return new Builder();
    }

    /** Mutable stand-in for the request record, so each test changes one field. */
    private static final class Builder {
        String name = "web";
        String sourceType = "OCIRepository";
        String sourceName = "podinfo";
        String releaseName;
        String targetNamespace;
        Map<String, Object> values;
        String interval;
        String timeout;
        InstallSpec install;
        UpgradeSpec upgrade;
        Integer maxHistory;
        DriftDetection driftDetection;
        String description;
        Map<String, String> labels;

        HelmReleaseRequest build() {
            return new HelmReleaseRequest(name, sourceType, sourceName, releaseName, targetNamespace, values, interval,
                    timeout, install, upgrade, null, driftDetection, maxHistory, null, description, labels, null);
        }
    }

    @Test
    void driftDetectionDefaultsToEnabledWithNothingIgnored() {
        ReleaseSpec spec = validator.validate("team-a", valid().build(), null);

        assertThat(spec.driftDetection()).isEqualTo(new DriftDetection("enabled", List.of()));
    }

    @Test
    void badDriftDetectionFieldsAreNamedOneByOne() {
        Builder request = valid();
        request.driftDetection = new DriftDetection("fix", List.of(
                new DriftIgnoreRule(List.of("/spec/replicas", "spec/x", "/a~2"), null),
                new DriftIgnoreRule(List.of(), new DriftTarget("apps", null, "", "web(", null))));

        assertThat(violations(request.build())).extracting(Violation::field).containsExactlyInAnyOrder(
                "driftDetection.mode", "driftDetection.ignore[0].paths[1]", "driftDetection.ignore[0].paths[2]",
                "driftDetection.ignore[1].paths", "driftDetection.ignore[1].target.kind",
                "driftDetection.ignore[1].target.name");
    }

    private List<Violation> violations(HelmReleaseRequest request) {
        try {
            validator.validate("team-a", request, null);
        } catch (ProblemException e) {
            assertThat(e.status()).isEqualTo(422);
            return e.violations();
        }
        throw new AssertionError("expected a 422");
    }

    private List<String> fields(HelmReleaseRequest request) {
        return violations(request).stream().map(Violation::field).toList();
    }

    @Test
    void defaultsFollowTheProductSpec() {
        ReleaseSpec spec = validator.validate("team-a", request("web", "OCIRepository", "podinfo"), null);
        assertThat(spec.releaseName()).isEqualTo("web");
        assertThat(spec.targetNamespace()).isEqualTo("team-a");
        assertThat(spec.valuesJson()).isEqualTo("{}");
        assertThat(spec.intervalSeconds()).isEqualTo(300);
        assertThat(spec.timeout()).isEqualTo("5m");
        assertThat(spec.createNamespace()).isFalse();
        assertThat(spec.installRetries()).isZero();
        assertThat(spec.upgradeRetries()).isZero();
        assertThat(spec.upgradeStrategy()).isEqualTo("rollback");
        assertThat(spec.maxHistory()).isEqualTo(10);
        assertThat(spec.suspend()).isFalse();
        assertThat(spec.labels()).isEmpty();
    }

    @Test
    void theTenantNamespaceComesFromTheTemplate() {
        ReleaseSpecValidator duplo = new ReleaseSpecValidator(new ObjectMapper(), API,
                tenantTemplate("duploservices-{tenant}"));
        assertThat(duplo.validate("team-a", request("web", "OCIRepository", "podinfo"), null).targetNamespace())
                .isEqualTo("duploservices-team-a");
    }

    @Test
    void aTemplateThatMakesAnInvalidNamespaceAsksForTargetNamespace() {
        ReleaseSpecValidator longPrefix = new ReleaseSpecValidator(new ObjectMapper(), API,
                tenantTemplate("x".repeat(60) + "-{tenant}"));
        assertThatThrownBy(() -> longPrefix.validate("team-a", request("web", "OCIRepository", "podinfo"), null))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.violations().get(0).message())
                        .contains("set targetNamespace"));
    }

    @Test
    void nameIsARequiredDnsLabelOfAtMost53() {
        Builder b = valid();
        b.name = null;
        assertThat(fields(b.build())).containsExactly("name");
        b.name = "Web_1";
        assertThat(fields(b.build())).containsExactly("name");
        b.name = "a".repeat(54);
        assertThat(violations(b.build()).get(0).message()).contains("53");
        b.name = "a".repeat(53);
        assertThat(validator.validate("team-a", b.build(), null).name()).hasSize(53);
    }

    @Test
    void sourceTypeIsRequiredAndOnlyOciRepositoryWorks() {
        Builder b = valid();
        b.sourceType = null;
        assertThat(violations(b.build())).containsExactly(new Violation("sourceType", "is required"));
        b.sourceType = "HelmRepository";
        assertThat(violations(b.build()).get(0).message()).contains("not supported yet");
        b.sourceType = "GitRepository";
        assertThat(fields(b.build())).containsExactly("sourceType");
    }

    @Test
    void sourceNameIsARequiredDnsLabel() {
        Builder b = valid();
        b.sourceName = null;
        assertThat(fields(b.build())).containsExactly("sourceName");
        b.sourceName = "Pod.Info";
        assertThat(fields(b.build())).containsExactly("sourceName");
    }

    @Test
    void releaseNameFollowsHelmsRule() {
        Builder b = valid();
        b.releaseName = "a".repeat(54);
        assertThat(fields(b.build())).containsExactly("releaseName");
        b.releaseName = "-bad";
        assertThat(fields(b.build())).containsExactly("releaseName");
        b.releaseName = "my.release-1";
        assertThat(validator.validate("team-a", b.build(), null).releaseName()).isEqualTo("my.release-1");
    }

    @Test
    void targetNamespaceIsADnsLabelOfAtMost63() {
        Builder b = valid();
        b.targetNamespace = "a".repeat(64);
        assertThat(fields(b.build())).containsExactly("targetNamespace");
        b.targetNamespace = "apps";
        assertThat(validator.validate("team-a", b.build(), null).targetNamespace()).isEqualTo("apps");
    }

    @Test
    void releaseNameAndTargetNamespaceAreImmutableButMayBeLeftOut() {
        Builder b = valid();
        b.releaseName = "first";
        b.targetNamespace = "apps";
        ReleaseSpec stored = validator.validate("team-a", b.build(), null);

        b.releaseName = "second";
        b.targetNamespace = "other";
        List<Violation> rejected = violations(() -> validator.validate("team-a", b.build(), stored));
        assertThat(rejected).extracting(Violation::field).containsExactly("releaseName", "targetNamespace");
        assertThat(rejected.get(0).message()).contains("immutable").contains("orphan");

        b.releaseName = null;
        b.targetNamespace = null;
        ReleaseSpec kept = validator.validate("team-a", b.build(), stored);
        assertThat(kept.releaseName()).isEqualTo("first");
        assertThat(kept.targetNamespace()).isEqualTo("apps");
    }

    @Test
    void nameCannotChangeOnUpdate() {
        ReleaseSpec stored = validator.validate("team-a", valid().build(), null);
        Builder b = valid();
        b.name = "renamed";
        assertThat(violations(() -> validator.validate("team-a", b.build(), stored)))
                .extracting(Violation::field).containsExactly("name");
    }

    @Test
    void valuesAreKeptInOrderAsCompactJson() {
        Builder b = valid();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("zeta", 1);
        values.put("alpha", Map.of("enabled", true));
        b.values = values;
        assertThat(validator.validate("team-a", b.build(), null).valuesJson())
                .isEqualTo("{\"zeta\":1,\"alpha\":{\"enabled\":true}}");
    }

    @Test
    void valuesNestedDeeperThan32LevelsAreRejected() {
        Builder b = valid();
        b.values = nested(32);
        assertThat(validator.validate("team-a", b.build(), null).valuesJson()).startsWith("{\"k\":");
        b.values = nested(33);
        assertThat(violations(b.build()).get(0)).isEqualTo(new Violation("values",
                "must be nested at most 32 levels deep"));
        Map<String, Object> arrays = new HashMap<>();
        Object inner = List.of();
        for (int i = 0; i < 32; i++) {
            inner = List.of(inner);
        }
        arrays.put("list", inner);
        Builder lists = valid();
        lists.values = arrays;
        assertThat(fields(lists.build())).containsExactly("values");
    }

    @Test
    void valuesOver512KiBAreRejected() {
        Builder b = valid();
        b.values = Map.of("blob", "x".repeat(512 * 1024));
        assertThat(violations(b.build()).get(0).message()).contains("524288");
        b.values = Map.of("blob", "x".repeat(512 * 1024 - 20));
        assertThat(validator.validate("team-a", b.build(), null).valuesJson()).hasSizeLessThanOrEqualTo(512 * 1024);
    }

    @Test
    void intervalIsMmSsAndAcceptsGoDurations() {
        Builder b = valid();
        b.interval = "1m30s";
        assertThat(validator.validate("team-a", b.build(), null).intervalSeconds()).isEqualTo(90);
        b.interval = "00:05";
        assertThat(fields(b.build())).containsExactly("interval");
        b.interval = "soon";
        assertThat(fields(b.build())).containsExactly("interval");
    }

    @Test
    void timeoutIsAGoDurationFromOneSecondToOneHour() {
        Builder b = valid();
        b.timeout = "90s";
        assertThat(validator.validate("team-a", b.build(), null).timeout()).isEqualTo("90s");
        b.timeout = "500ms";
        assertThat(fields(b.build())).containsExactly("timeout");
        b.timeout = "2h";
        assertThat(fields(b.build())).containsExactly("timeout");
        b.timeout = "5 minutes";
        assertThat(fields(b.build())).containsExactly("timeout");
    }

    @Test
    void remediationRules() {
        Builder b = valid();
        b.install = new InstallSpec(true, new Remediation(3, null));
        b.upgrade = new UpgradeSpec(new Remediation(10, "uninstall"));
        ReleaseSpec spec = validator.validate("team-a", b.build(), null);
        assertThat(spec.createNamespace()).isTrue();
        assertThat(spec.installRetries()).isEqualTo(3);
        assertThat(spec.upgradeRetries()).isEqualTo(10);
        assertThat(spec.upgradeStrategy()).isEqualTo("uninstall");

        b.install = new InstallSpec(null, new Remediation(-1, "rollback"));
        b.upgrade = new UpgradeSpec(new Remediation(11, "retry"));
        assertThat(fields(b.build())).containsExactlyInAnyOrder("install.remediation.retries",
                "install.remediation.strategy", "upgrade.remediation.retries", "upgrade.remediation.strategy");
    }

    @Test
    void maxHistoryIsBetween1And100() {
        Builder b = valid();
        b.maxHistory = 0;
        assertThat(fields(b.build())).containsExactly("maxHistory");
        b.maxHistory = 101;
        assertThat(fields(b.build())).containsExactly("maxHistory");
        b.maxHistory = 100;
        assertThat(validator.validate("team-a", b.build(), null).maxHistory()).isEqualTo(100);
    }

    @Test
    void descriptionAndLabels() {
        Builder b = valid();
        b.description = "d".repeat(1025);
        b.labels = Map.of("team", "a", "bad key!", "x", "app.kubernetes.io/part-of", "not a value");
        assertThat(fields(b.build())).containsExactlyInAnyOrder("description", "labels.bad key!",
                "labels.app.kubernetes.io/part-of");
    }

    @Test
    void everyViolationIsReportedAtOnce() {
        Builder b = new Builder();
        b.name = "";
        b.sourceType = null;
        b.sourceName = null;
        b.interval = "x";
        b.timeout = "y";
        b.maxHistory = 0;
        assertThat(fields(b.build())).containsExactlyInAnyOrder("name", "sourceType", "sourceName", "interval",
                "timeout", "maxHistory");
    }

    private static Map<String, Object> nested(int levels) {
        Map<String, Object> value = new HashMap<>();
        for (int i = 1; i < levels; i++) {
            value = new HashMap<>(Map.of("k", value));
        }
        return value;
    }

    private static List<Violation> violations(Runnable call) {
        try {
            call.run();
        } catch (ProblemException e) {
            return e.violations();
        }
        throw new AssertionError("expected a 422");
    }
}
