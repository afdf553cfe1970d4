package io.helmdeck.release.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import io.helmdeck.model.DriftDetection;
import io.helmdeck.model.DriftIgnoreRule;
import io.helmdeck.model.DriftTarget;
import io.helmdeck.model.Violation;
import io.helmdeck.release.drift.JsonPointers;

/**
 * The rules of {@code driftDetection} (product spec §4, ADR 0023): a mode Flux knows, ignore rules with at least one
 * valid JSON pointer each, and targets whose name and namespace patterns compile. Each bad field is one violation
 * named by its path, e.g. {@code driftDetection.ignore[0].paths[1]}.
 */
final class DriftDetectionValidator {

    static final int MAX_RULES = 50;
    static final int MAX_PATHS = 50;
    private static final int MAX_SELECTOR = 253;
    private static final Set<String> MODES = Set.of(DriftDetection.ENABLED, DriftDetection.WARN,
            DriftDetection.DISABLED);

    private DriftDetectionValidator() {
    }

    /** The request's driftDetection with its defaults applied; violations are added to {@code violations}. */
    static DriftDetection validate(DriftDetection given, List<Violation> violations) {
        if (given == null) {
            return DriftDetection.defaults();
        }
        String mode = given.mode() == null ? DriftDetection.ENABLED : given.mode();
        if (!MODES.contains(mode)) {
            violations.add(new Violation("driftDetection.mode", "must be enabled, warn or disabled"));
        }
        List<DriftIgnoreRule> rules = given.ignore() == null ? List.of() : given.ignore();
        if (rules.size() > MAX_RULES) {
            violations.add(new Violation("driftDetection.ignore", "must have at most " + MAX_RULES + " rules"));
            return new DriftDetection(mode, List.of());
        }
        List<DriftIgnoreRule> kept = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            String field = "driftDetection.ignore[" + i + "]";
            DriftIgnoreRule rule = rules.get(i);
            if (rule == null) {
                violations.add(new Violation(field, "must be an object with paths"));
                continue;
            }
            paths(field + ".paths", rule.paths(), violations);
            target(field + ".target", rule.target(), violations);
            kept.add(new DriftIgnoreRule(List.copyOf(rule.paths() == null ? List.of() : rule.paths()), rule.target()));
        }
        return new DriftDetection(mode, List.copyOf(kept));
    }

    private static void paths(String field, List<String> paths, List<Violation> violations) {
        if (paths == null || paths.isEmpty()) {
            violations.add(new Violation(field, "must list at least one JSON pointer, e.g. /spec/replicas"));
            return;
        }
        if (paths.size() > MAX_PATHS) {
            violations.add(new Violation(field, "must have at most " + MAX_PATHS + " entries"));
            return;
        }
        for (int j = 0; j < paths.size(); j++) {
            String at = field + "[" + j + "]";
            JsonPointers.problem(paths.get(j)).ifPresent(m -> violations.add(new Violation(at, m)));
        }
    }

    private static void target(String field, DriftTarget target, List<Violation> violations) {
        if (target == null) {
            return;
        }
        plain(field + ".group", target.group(), true, violations);
        plain(field + ".version", target.version(), false, violations);
        plain(field + ".kind", target.kind(), false, violations);
        pattern(field + ".name", target.name(), violations);
        pattern(field + ".namespace", target.namespace(), violations);
    }

    private static void plain(String field, String value, boolean emptyAllowed, List<Violation> violations) {
        if (value == null) {
            return;
        }
        if ((!emptyAllowed && value.isBlank()) || value.length() > MAX_SELECTOR || value.contains("/")) {
            violations.add(new Violation(field, "must be " + (emptyAllowed ? "" : "a non-empty ")
                    + "name of at most " + MAX_SELECTOR + " characters without '/'"));
        }
    }

    private static void pattern(String field, String value, List<Violation> violations) {
        if (value == null) {
            return;
        }
        if (value.isEmpty() || value.length() > MAX_SELECTOR) {
            violations.add(new Violation(field, "must be a regular expression of 1 to " + MAX_SELECTOR
                    + " characters"));
            return;
        }
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            violations.add(new Violation(field, "is not a regular expression: " + e.getDescription()));
        }
    }
}
