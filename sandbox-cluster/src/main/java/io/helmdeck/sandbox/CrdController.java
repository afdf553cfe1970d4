package io.helmdeck.sandbox;

import java.time.Instant;
import java.util.List;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionCondition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionConditionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatus;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionStatusBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * The apiextensions controllers: a CRD's names are accepted ({@code NamesAccepted}) and it is {@code Established}
 * on the next pass. (The store serves the new kind as soon as the CRD is stored; the condition is what clients wait
 * for.) Name conflicts between CRDs are not checked.
 */
final class CrdController implements SandboxController {

    @Override
    public void reconcile(KubernetesClient client, Instant now) {
        for (CustomResourceDefinition crd : client.apiextensions().v1().customResourceDefinitions().list().getItems()) {
            if (crd.getMetadata().getDeletionTimestamp() != null || crd.getSpec() == null
                    || established(crd.getStatus())) {
                continue;
            }
            String at = Timestamps.format(now);
            List<String> stored = crd.getSpec().getVersions() == null ? List.of() : crd.getSpec().getVersions().stream()
                    .filter(v -> Boolean.TRUE.equals(v.getStorage())).map(CustomResourceDefinitionVersion::getName)
                    .toList();
            CustomResourceDefinitionStatus status = new CustomResourceDefinitionStatusBuilder()
                    .withAcceptedNames(crd.getSpec().getNames())
                    .withStoredVersions(stored)
                    .withConditions(
                            condition("NamesAccepted", "NoConflicts", "no conflicts found", at),
                            condition("Established", "InitialNamesAccepted", "the initial names have been accepted",
                                    at))
                    .build();
            crd.setStatus(status);
            StatusWrites.tryWrite(() -> client.apiextensions().v1().customResourceDefinitions().resource(crd)
                    .updateStatus());
        }
    }

    private static boolean established(CustomResourceDefinitionStatus status) {
        return status != null && status.getConditions() != null && status.getConditions().stream()
                .anyMatch(c -> "Established".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static CustomResourceDefinitionCondition condition(String type, String reason, String message, String at) {
        return new CustomResourceDefinitionConditionBuilder().withType(type).withStatus("True").withReason(reason)
                .withMessage(message).withLastTransitionTime(at).build();
    }
}
