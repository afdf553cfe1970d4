package io.helmdeck.release.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.helmdeck.model.ClusterPolicy;
import io.helmdeck.model.ProblemException;
import io.helmdeck.model.Violation;
import io.helmdeck.model.value.DnsLabel;

/** Turns a {@code PUT …/cluster-policy} body into a {@link ClusterPolicySpec}, reporting every bad entry at once. */
@ApplicationScoped
public class ClusterPolicyValidator {

    static final int MAX_ENTRIES = 100;
    static final int MAX_SERVICE_ACCOUNT = 253;
    static final int MAX_KIND = 63;

    /** The part of a namespace prefix before {@code *}: the start of a DNS-1123 label (it may end in '-'). */
    private static final Pattern NAMESPACE_PREFIX = Pattern.compile("[a-z0-9][-a-z0-9]*");
    /** Kubernetes kinds are CamelCase; a lowercase first letter is almost surely a mistyped kind that would never match. */
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Za-z0-9]*");
    private static final Pattern SUBDOMAIN = Pattern.compile(
            "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    /** The validated policy; 422 with one violation per bad field or entry. */
    public ClusterPolicySpec validate(ClusterPolicy body) {
        List<Violation> violations = new ArrayList<>();
        List<String> namespaces = body.namespaces();
        if (namespaces == null) {
            violations.add(new Violation("namespaces", "is required (an empty list allows no namespace)"));
            namespaces = List.of();
        } else if (namespaces.size() > MAX_ENTRIES) {
            violations.add(new Violation("namespaces", "must have at most " + MAX_ENTRIES + " entries"));
        } else {
            for (int i = 0; i < namespaces.size(); i++) {
                String field = "namespaces[" + i + "]";
                namespaceProblem(namespaces.get(i)).ifPresent(m -> violations.add(new Violation(field, m)));
            }
        }
        List<String> kinds = body.clusterScopedKinds() == null ? List.of() : body.clusterScopedKinds();
        if (kinds.size() > MAX_ENTRIES) {
            violations.add(new Violation("clusterScopedKinds", "must have at most " + MAX_ENTRIES + " entries"));
        } else {
            for (int i = 0; i < kinds.size(); i++) {
                String kind = kinds.get(i);
                if (kind == null || kind.length() > MAX_KIND || !KIND.matcher(kind).matches()) {
                    violations.add(new Violation("clusterScopedKinds[" + i + "]", "must be a Kubernetes kind name "
                            + "(letters and digits, starting with an uppercase letter, at most " + MAX_KIND
                            + " characters), e.g. CustomResourceDefinition"));
                }
            }
        }
        String serviceAccount = body.serviceAccountName();
        if (serviceAccount != null && (serviceAccount.isEmpty() || serviceAccount.length() > MAX_SERVICE_ACCOUNT
                || !SUBDOMAIN.matcher(serviceAccount).matches())) {
            violations.add(new Violation("serviceAccountName", "must be a DNS-1123 subdomain of at most "
                    + MAX_SERVICE_ACCOUNT + " characters (lowercase letters, digits, '-' and '.'), or null for "
                    + "Helmdeck's own identity"));
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid(violations);
        }
        return new ClusterPolicySpec(namespaces, kinds, serviceAccount);
    }

    /** Why {@code entry} is neither a namespace name nor a prefix ending in {@code *}; empty when it is one. */
    static Optional<String> namespaceProblem(String entry) {
        if (entry == null || entry.isEmpty()) {
            return Optional.of("must be a namespace name or a prefix ending in '*'");
        }
        int star = entry.indexOf('*');
        if (star < 0) {
            return DnsLabel.check(entry, DnsLabel.MAX_TENANT);
        }
        String prefix = entry.substring(0, star);
        if (star != entry.length() - 1) {
            return Optional.of("may contain '*' only as its last character (a prefix such as team-a-*)");
        }
        if (!prefix.isEmpty() && (prefix.length() >= DnsLabel.MAX_TENANT || !NAMESPACE_PREFIX.matcher(prefix).matches())) {
            return Optional.of("the prefix before '*' must be the start of a namespace name (lowercase "
                    + "letters, digits and '-', starting with a letter or digit, shorter than 63 characters)");
        }
        return Optional.empty();
    }
}
