package io.helmdeck.bench.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/** A scrape of a Prometheus text page: every sample line as name, labels and value. */
final class Prometheus {

    record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Prometheus(List<Sample> samples) {
        this.samples = samples;
    }

    static Prometheus parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            line = line.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String name;
            Map<String, String> labels = new LinkedHashMap<>();
            String rest;
            int brace = line.indexOf('{');
            int space = line.indexOf(' ');
            if (brace >= 0 && (space < 0 || brace < space)) {
                name = line.substring(0, brace);
                int close = line.indexOf('}', brace);
                parseLabels(line.substring(brace + 1, close), labels);
                rest = line.substring(close + 1).strip();
            } else {
                name = line.substring(0, space);
                rest = line.substring(space + 1).strip();
            }
            String value = rest.split("\\s+")[0];
            try {
                samples.add(new Sample(name, labels, Double.parseDouble(value)));
            } catch (NumberFormatException e) {
                // NaN spelled differently, exemplars: not needed here
            }
        }
        return new Prometheus(samples);
    }

    private static void parseLabels(String body, Map<String, String> labels) {
        int i = 0;
        while (i < body.length()) {
            int eq = body.indexOf('=', i);
            if (eq < 0) {
                break;
            }
            String key = body.substring(i, eq).strip();
            if (key.startsWith(",")) {
                key = key.substring(1).strip();
            }
            int start = body.indexOf('"', eq) + 1;
            StringBuilder value = new StringBuilder();
            int j = start;
            while (j < body.length() && body.charAt(j) != '"') {
                if (body.charAt(j) == '\\' && j + 1 < body.length()) {
                    j++;
                }
                value.append(body.charAt(j));
                j++;
            }
            labels.put(key, value.toString());
            i = j + 1;
        }
    }

    /** Sum of every sample of that name whose labels pass the filter; 0 when none. */
    double sum(String name, Predicate<Map<String, String>> filter) {
        return samples.stream().filter(s -> s.name().equals(name) && filter.test(s.labels()))
                .mapToDouble(Sample::value).sum();
    }

    double sum(String name) {
        return sum(name, l -> true);
    }

    /** The value of the sample of that name with that label value, or NaN. */
    double value(String name, String label, String labelValue) {
        return samples.stream().filter(s -> s.name().equals(name) && labelValue.equals(s.labels().get(label)))
                .mapToDouble(Sample::value).findFirst().orElse(Double.NaN);
    }

    /**
     * The q-quantile of a histogram over the window since {@code earlier} (bucket deltas), interpolated linearly
     * inside the bucket as PromQL's histogram_quantile does; NaN when nothing was observed.
     */
    double histogramQuantile(Prometheus earlier, String name, double q) {
        java.util.TreeMap<Double, Double> cumulative = new java.util.TreeMap<>();
        for (Sample s : samples) {
            if (s.name().equals(name + "_bucket") && s.labels().containsKey("le")) {
                String le = s.labels().get("le");
                double bound = le.equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                cumulative.merge(bound, s.value() - earlier.sum(name + "_bucket", label("le", le)), Double::sum);
            }
        }
        if (cumulative.isEmpty() || cumulative.lastEntry().getValue() <= 0) {
            return Double.NaN;
        }
        double rank = q * cumulative.lastEntry().getValue();
        double lowerBound = 0;
        double lowerCount = 0;
        for (Map.Entry<Double, Double> bucket : cumulative.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound; // above the largest finite bound: PromQL answers that bound too
                }
                double inBucket = bucket.getValue() - lowerCount;
                return inBucket <= 0 ? bucket.getKey()
                        : lowerBound + (bucket.getKey() - lowerBound) * (rank - lowerCount) / inBucket;
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
    }

    static Predicate<Map<String, String>> label(String key, String value) {
        return labels -> value.equals(labels.get(key));
    }
}
