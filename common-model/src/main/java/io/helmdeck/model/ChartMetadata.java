package io.helmdeck.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The fields of Chart.yaml that Helmdeck shows. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChartMetadata(String name, String version, String appVersion, String description, String icon,
        String kubeVersion, String type, List<ChartDependency> dependencies) {
}
