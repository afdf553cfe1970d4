package io.helmdeck.release.service;

import io.helmdeck.model.ProblemException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.helmdeck.model.DriftDetection;
import io.helmdeck.model.HelmReleaseRequest;
import io.helmdeck.model.InstallSpec;
import io.helmdeck.model.Remediation;
import io.helmdeck.model.RollbackSpec;
import io.helmdeck.model.UpgradeSpec;
import io.helmdeck.model.Violation;
import io.helmdeck.model.value.DnsLabel;
import io.helmdeck.release.persistence.WaitOptions;
import io.helmdeck.release.config.ValuesLimits;
import io.helmdeck.release.config.TenantConfig;
import io.helmdeck.support.service.SpecChecks;

/**
 * Turns a client's request into a {@link ReleaseSpec}: every rule and default of the product spec (§4), one
 * violation per bad field, all of them reported at once.
 */
@ApplicationScoped
public class ReleaseSpecValidator {

    public static final String OCI_REPOSITORY = "OCIRepository";
    public static final String HELM_REPOSITORY = "HelmRepository";
    static final String DEFAULT_TIMEOUT = "5m";
    static final int MAX_RETRIES = 10;
    static final int DEFAULT_MAX_HISTORY = 10;
    static final int MAX_MAX_HISTORY = 100;

    // Helm's own rule for release names (a DNS-1123 subdomain of at most 53 characters).
    private static final Pattern RELEASE_NAME = Pattern.compile(
            "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");

    private final ObjectMapper json;
    private final ValuesLimits api;
    private final TenantConfig tenants;

    public ReleaseSpecValidator(ObjectMapper json, ValuesLimits api, TenantConfig tenants) {
        this.json = json;
        this.api = api;
        this.tenants = tenants;
    }

    /**
     * Validates {@code request} of {@code tenant}. {@code current} is the stored spec for updates (null on
     * create): its name, release name and target namespace cannot change, and are kept when the request leaves
     * them out.
     */
    public ReleaseSpec validate(String tenant, HelmReleaseRequest request, ReleaseSpec current) {
        List<Violation> violations = new ArrayList<>();

        String name = request.name();
        if (current != null) {
            if (name != null && !name.equals(current.name())) {
                violations.add(new Violation("name", "is immutable: it must equal the name in the path"));
            }
            name = current.name();
        } else {
            DnsLabel.check(name, DnsLabel.MAX_RELEASE_NAME).ifPresent(m -> violations.add(new Violation("name", m)));
        }

        String sourceType = request.sourceType();
        if (sourceType == null || sourceType.isEmpty()) {
            violations.add(new Violation("sourceType", "is required"));
        } else if (HELM_REPOSITORY.equals(sourceType)) {
            violations.add(new Violation("sourceType", "HelmRepository sources are not supported yet; use OCIRepository"));
        } else if (!OCI_REPOSITORY.equals(sourceType)) {
            violations.add(new Violation("sourceType", "must be OCIRepository (HelmRepository is reserved)"));
        }
        DnsLabel.check(request.sourceName(), DnsLabel.MAX_REPOSITORY_NAME)
                .ifPresent(m -> violations.add(new Violation("sourceName", m)));

        String releaseName = immutable(violations, "releaseName", request.releaseName(),
                current == null ? null : current.releaseName(), name);
        if (current == null && request.releaseName() != null) {
            checkReleaseName(violations, request.releaseName());
        }
        String targetNamespace = immutable(violations, "targetNamespace", request.targetNamespace(),
                current == null ? null : current.targetNamespace(), tenants.namespaceOf(tenant));
        DnsLabel.check(targetNamespace, DnsLabel.MAX_TENANT).ifPresent(m -> violations.add(new Violation(
                "targetNamespace", request.targetNamespace() == null
                        ? "the tenant's namespace " + targetNamespace + " " + m + "; set targetNamespace" : m)));

        String valuesJson = values(violations, request.values());

        Integer intervalSeconds = SpecChecks.intervalSeconds(request.interval(), violations);
        String timeout = SpecChecks.timeout(request.timeout(), DEFAULT_TIMEOUT, violations);

        InstallSpec install = request.install() == null ? new InstallSpec(null, null) : request.install();
        Remediation installRemediation = install.remediation() == null ? new Remediation(null, null)
                : install.remediation();
        int installRetries = retries(violations, "install.remediation.retries", installRemediation.retries());
        if (installRemediation.strategy() != null) {
            violations.add(new Violation("install.remediation.strategy",
                    "must not be set: a failed install is always uninstalled after its retries"));
        }

        UpgradeSpec upgrade = request.upgrade() == null ? new UpgradeSpec(null) : request.upgrade();
        Remediation upgradeRemediation = upgrade.remediation() == null ? new Remediation(null, null)
                : upgrade.remediation();
        int upgradeRetries = retries(violations, "upgrade.remediation.retries", upgradeRemediation.retries());
        String strategy = upgradeRemediation.strategy() == null ? Remediation.ROLLBACK : upgradeRemediation.strategy();
        if (!Remediation.ROLLBACK.equals(strategy) && !Remediation.UNINSTALL.equals(strategy)) {
            violations.add(new Violation("upgrade.remediation.strategy", "must be rollback or uninstall"));
        }

        int maxHistory = request.maxHistory() == null ? DEFAULT_MAX_HISTORY : request.maxHistory();
        if (maxHistory < 1 || maxHistory > MAX_MAX_HISTORY) {
            violations.add(new Violation("maxHistory", "must be between 1 and " + MAX_MAX_HISTORY));
        }

        DriftDetection driftDetection = DriftDetectionValidator.validate(request.driftDetection(), violations);

        String description = request.description();
        Map<String, String> labels = SpecChecks.describe(description, request.labels(), violations);

        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new ReleaseSpec(name, sourceType, request.sourceName(), releaseName, targetNamespace, valuesJson,
                intervalSeconds, timeout, Boolean.TRUE.equals(install.createNamespace()), installRetries,
                upgradeRetries, strategy, maxHistory, Boolean.TRUE.equals(request.suspend()), description,
                new LinkedHashMap<>(labels), waitOptions(install, upgrade, request.rollback()),
                driftDetection);
    }

    /** Flux's wait opt-outs; absent means false (wait), as in Flux. */
    private static WaitOptions waitOptions(InstallSpec install, UpgradeSpec upgrade, RollbackSpec rollback) {
        return new WaitOptions(Boolean.TRUE.equals(install.disableWait()),
                Boolean.TRUE.equals(install.disableWaitForJobs()), Boolean.TRUE.equals(upgrade.disableWait()),
                Boolean.TRUE.equals(upgrade.disableWaitForJobs()),
                rollback != null && Boolean.TRUE.equals(rollback.disableWait()));
    }

    /**
     * A field fixed at create time: changing it would leave the objects of the old release (or namespace)
     * behind unmanaged, so an update must give the stored value or leave it out.
     */
    private static String immutable(List<Violation> violations, String field, String given, String stored,
            String defaultValue) {
        if (stored == null) {
            return given == null ? defaultValue : given;
        }
        if (given != null && !given.equals(stored)) {
            violations.add(new Violation(field, "is immutable: changing it would orphan the objects already "
                    + "deployed; delete the release and create a new one"));
        }
        return stored;
    }

    private static void checkReleaseName(List<Violation> violations, String releaseName) {
        if (releaseName.isEmpty() || releaseName.length() > DnsLabel.MAX_RELEASE_NAME) {
            violations.add(new Violation("releaseName", "must be 1 to " + DnsLabel.MAX_RELEASE_NAME + " characters"));
        } else if (!RELEASE_NAME.matcher(releaseName).matches()) {
            violations.add(new Violation("releaseName", "must consist of lowercase letters, digits, '-' and '.', "
                    + "and start and end with a letter or digit"));
        }
    }

    private String values(List<Violation> violations, Map<String, Object> values) {
        Map<String, Object> given = values == null ? Map.of() : values;
        int depth = depth(given, api.maxValuesDepth() + 1);
        if (depth > api.maxValuesDepth()) {
            violations.add(new Violation("values", "must be nested at most " + api.maxValuesDepth() + " levels deep"));
            return null;
        }
        String text;
        try {
            text = json.writeValueAsString(given);
        } catch (JsonProcessingException e) {
            violations.add(new Violation("values", "must be a JSON object"));
            return null;
        }
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > api.maxValuesBytes()) {
            violations.add(new Violation("values", "must be at most " + api.maxValuesBytes()
                    + " bytes as compact JSON; it has " + bytes));
        }
        return text;
    }

    /** Nesting depth of a JSON value (an object or array counts one level), counted no further than {@code stop}. */
    static int depth(Object value, int stop) {
        if (stop <= 0) {
            return 0;
        }
        Collection<?> children;
        if (value instanceof Map<?, ?> map) {
            children = map.values();
        } else if (value instanceof Collection<?> list) {
            children = list;
        } else {
            return 0;
        }
        int deepest = 0;
        for (Object child : children) {
            deepest = Math.max(deepest, depth(child, stop - 1));
            if (deepest >= stop - 1) {
                break;
            }
        }
        return 1 + deepest;
    }

    private static int retries(List<Violation> violations, String field, Integer retries) {
        if (retries == null) {
            return 0;
        }
        if (retries < 0 || retries > MAX_RETRIES) {
            violations.add(new Violation(field, "must be between 0 and " + MAX_RETRIES));
        }
        return retries;
    }
}
