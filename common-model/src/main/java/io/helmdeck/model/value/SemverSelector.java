package io.helmdeck.model.value;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.semver4j.Range;
import org.semver4j.Range.RangeOperator;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * Picks the highest tag matching a semver range, with the range syntax Flux users write (Masterminds semver).
 *
 * <p>Range syntax: comparators separated by spaces or commas must all hold (AND); {@code ||} separates
 * alternatives (OR). A comparator is an optional operator ({@code = != > < >= <= => =< ~ ~> ^}) and a version
 * that may be partial ({@code 1.2}), use wildcards ({@code 1.x}, {@code 1.2.*}, {@code *}) and carry a leading
 * {@code v}. {@code A - B} is the hyphen range {@code >=A <=B}. semver4j expands each comparator into
 * bounds; the checks below exist because semver4j silently ignores text it does not understand.
 *
 * <p>Prereleases follow Masterminds, not npm: a prerelease version (e.g. {@code 1.5.0-rc.1}) can only
 * match when every comparator of an AND group itself names a prerelease. So {@code >=1.0.0 <2.0.0} and
 * {@code *} never match prereleases, {@code >=1.0.0-0} matches {@code 1.5.0-rc.1}, and
 * {@code >=1.0.0-0 <2.0.0} does not (write {@code >=1.0.0-0 <2.0.0-0}).
 *
 * <p>Tags: Helm stores {@code +} as {@code _} in OCI tags, so {@code _} is read as {@code +}. A tag counts
 * as a version when it is strict semver 2.0 after that, optionally with a leading {@code v}; other tags
 * are ignored. Build metadata does not affect order; equal versions are ordered by their tag text.
 */
public final class SemverSelector {

    static final String RANGE_MESSAGE = "must be a semver range such as >=1.0.0 <2.0.0, ^1.2, ~1.2.3 or 1.x";
    static final String FILTER_MESSAGE = "must be a valid regular expression";

    private static final String NUM = "(?:0|[1-9][0-9]{0,8})";
    private static final String PART = "(" + NUM + "|[xX*])";
    private static final String PRE_ID = "(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)";
    private static final Pattern VERSION = Pattern.compile("v?" + PART + "(?:\\." + PART + "(?:\\." + PART + ")?)?"
            + "(?:-(" + PRE_ID + "(?:\\." + PRE_ID + ")*))?(?:\\+([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");
    private static final Pattern OPERATOR = Pattern.compile("!=|>=|=>|<=|=<|~>|[=<>~^]");
    private static final Pattern COMPARATOR = Pattern.compile("(" + OPERATOR.pattern() + ")?(.+)");
    private static final Map<String, String> OPERATOR_ALIASES = Map.of("", "=", "=>", ">=", "=<", "<=", "~>", "~");

    private static final Comparator<Candidate> NEWEST_FIRST = Comparator
            .comparing(Candidate::version, Comparator.reverseOrder())
            .thenComparing(Candidate::tag);

    /** One comparator: semver4j bounds that must all hold, possibly negated ({@code !=}). */
    private record Clause(List<Range> bounds, boolean negated, boolean prerelease) {

        boolean test(Semver v) {
            if (!v.getPreRelease().isEmpty() && !prerelease) {
                return false;
            }
            boolean inside = bounds.stream().allMatch(b -> within(b, v));
            return inside != negated;
        }

        private static boolean within(Range bound, Semver v) {
            // semver4j expands ^1.2.3-rc.1 to "<2.0.0"; Masterminds keeps 2.0.0 prereleases out of that range.
            if (!v.getPreRelease().isEmpty() && bound.getRangeVersion().getPreRelease().isEmpty()
                    && bound.equals(new Range(bound.getRangeVersion(), RangeOperator.LT))) {
                return bound.isSatisfiedBy(v.withClearedPreRelease());
            }
            return bound.isSatisfiedBy(v);
        }
    }

    private record Candidate(String tag, Semver version) {
    }

    private final String range;
    private final String filter;
    private final Pattern filterPattern;
    private final List<List<Clause>> alternatives;

    private SemverSelector(String range, String filter) {
        this.range = range.strip();
        this.filter = filter == null || filter.isEmpty() ? null : filter;
        this.filterPattern = this.filter == null ? null : compileFilter(this.filter);
        this.alternatives = parseRange(this.range);
    }

    /** A selector for {@code range}; {@code filter} (null or empty for none) is a regex that versions must contain a match of. */
    public static SemverSelector parse(String range, String filter) {
        if (range == null) {
            throw new IllegalArgumentException(RANGE_MESSAGE);
        }
        return new SemverSelector(range, filter);
    }

    public String range() {
        return range;
    }

    public Optional<String> filter() {
        return Optional.ofNullable(filter);
    }

    /** Whether a registry tag is a version that passes the filter and satisfies the range. */
    public boolean matches(String tag) {
        return tag != null && parseVersion(tag).filter(v -> accepts(v, tag)).isPresent();
    }

    /** The original tag (still with {@code _}) of the highest matching version, if any. */
    public Optional<String> selectHighest(Collection<String> tags) {
        return tags.stream()
                .filter(Objects::nonNull)
                .distinct()
                .flatMap(t -> parseVersion(t).filter(v -> accepts(v, t)).map(v -> new Candidate(t, v)).stream())
                .min(NEWEST_FIRST)
                .map(Candidate::tag);
    }

    /** Tags for display: versions newest first, then the other tags alphabetically; {@code _} in versions shown as {@code +}. */
    public static List<String> sortNewestFirst(Collection<String> tags) {
        List<Candidate> versions = new ArrayList<>();
        List<String> others = new ArrayList<>();
        tags.stream().filter(Objects::nonNull).distinct().forEach(t -> parseVersion(t).ifPresentOrElse(
                v -> versions.add(new Candidate(t.replace('_', '+'), v)), () -> others.add(t)));
        versions.sort(NEWEST_FIRST);
        others.sort(String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder()));
        List<String> sorted = new ArrayList<>(versions.size() + others.size());
        versions.stream().map(Candidate::tag).distinct().forEach(sorted::add);
        sorted.addAll(others);
        return sorted;
    }

    /** The filter sees the version as Helm wrote it, i.e. with {@code +}. */
    private boolean accepts(Semver v, String tag) {
        return (filterPattern == null || filterPattern.matcher(tag.replace('_', '+')).find())
                && alternatives.stream().anyMatch(group -> group.stream().allMatch(c -> c.test(v)));
    }

    private static Optional<Semver> parseVersion(String tag) {
        // semver4j trims, but a tag with spaces is not a version.
        if (tag.isEmpty() || tag.chars().anyMatch(Character::isWhitespace)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Semver.parse(tag.replace('_', '+')));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static void checkRange(String range) {
        parseRange(range);
    }

    static Pattern compileFilter(String filter) {
        try {
            return Pattern.compile(filter);
        } catch (PatternSyntaxException e) {
            // The description names the problem without repeating the pattern.
            throw new IllegalArgumentException(FILTER_MESSAGE + " (" + e.getDescription() + ")");
        }
    }

    /** Validates a range; the result is a list of alternatives, each a list of clauses that must all hold. */
    private static List<List<Clause>> parseRange(String range) {
        if (range == null || range.isBlank()) {
            throw new IllegalArgumentException(RANGE_MESSAGE);
        }
        List<List<Clause>> alternatives = new ArrayList<>();
        for (String alternative : range.split("\\|\\|", -1)) {
            String text = alternative.replace(',', ' ').strip();
            if (text.isEmpty()) {
                throw new IllegalArgumentException(RANGE_MESSAGE);
            }
            String[] words = text.split("\\s+");
            List<Clause> clauses = new ArrayList<>();
            for (int i = 0; i < words.length; i++) {
                String word = words[i];
                if (OPERATOR.matcher(word).matches()) {
                    // Masterminds allows a space between operator and version: ">= 1.2.3".
                    if (++i == words.length) {
                        throw new IllegalArgumentException(RANGE_MESSAGE);
                    }
                    word += words[i];
                }
                Matcher m = COMPARATOR.matcher(word);
                if (!m.matches()) {
                    throw new IllegalArgumentException(RANGE_MESSAGE);
                }
                String op = m.group(1) == null ? "" : m.group(1);
                if (i + 2 < words.length && words[i + 1].equals("-")) {
                    // semver4j misreads hyphen ranges next to other comparators, so expand them here.
                    if (!op.isEmpty()) {
                        throw new IllegalArgumentException(RANGE_MESSAGE);
                    }
                    clauses.add(clause(">=", m.group(2)));
                    clauses.add(clause("<=", words[i + 2]));
                    i += 2;
                } else {
                    clauses.add(clause(op, m.group(2)));
                }
            }
            alternatives.add(List.copyOf(clauses));
        }
        return List.copyOf(alternatives);
    }

    private static Clause clause(String operator, String versionText) {
        Matcher m = VERSION.matcher(versionText);
        if (!m.matches()) {
            throw new IllegalArgumentException(RANGE_MESSAGE);
        }
        boolean negated = operator.equals("!=");
        String op = negated ? "=" : OPERATOR_ALIASES.getOrDefault(operator, operator);
        StringBuilder version = new StringBuilder();
        boolean wildcard = false;
        int parts = 0;
        for (int g = 1; g <= 3 && m.group(g) != null; g++, parts++) {
            boolean wild = isWildcard(m.group(g));
            if (wildcard && !wild) {
                throw new IllegalArgumentException(RANGE_MESSAGE); // 1.x.3 means nothing
            }
            wildcard |= wild;
            version.append(g > 1 ? "." : "").append(wild ? "x" : m.group(g));
        }
        String prerelease = m.group(4);
        String build = m.group(5);
        if ((prerelease != null || build != null) && (parts < 3 || wildcard)) {
            throw new IllegalArgumentException(RANGE_MESSAGE);
        }
        List<Range> bounds;
        if (isWildcard(m.group(1))) {
            // semver4j turns "x" into "<0.0.0"; any-version is the only sensible reading, and only for these operators.
            if (!List.of("=", ">=", "<=", "~", "^").contains(op) || negated) {
                throw new IllegalArgumentException(RANGE_MESSAGE);
            }
            bounds = List.of(new Range(Semver.ZERO, RangeOperator.GTE));
        } else {
            if (prerelease != null) {
                version.append('-').append(prerelease);
            }
            if (build != null) {
                version.append('+').append(build);
            }
            bounds = bounds(op + version);
        }
        return new Clause(bounds, negated, prerelease != null);
    }

    private static boolean isWildcard(String part) {
        return part.equals("x") || part.equals("X") || part.equals("*");
    }

    private static List<Range> bounds(String comparator) {
        RangesList list;
        try {
            list = RangesListFactory.create(comparator);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(RANGE_MESSAGE);
        }
        if (list.get().size() != 1 || list.get().get(0).isEmpty()) {
            throw new IllegalArgumentException(RANGE_MESSAGE);
        }
        return List.copyOf(list.get().get(0));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SemverSelector other && range.equals(other.range) && Objects.equals(filter, other.filter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(range, filter);
    }

    @Override
    public String toString() {
        return filter == null ? range : range + " (filter " + filter + ")";
    }
}
