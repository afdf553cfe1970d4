package io.helmdeck.model;

/** A dependency declared in a chart's Chart.yaml. */
public record ChartDependency(String name, String version, String repository) {
}
