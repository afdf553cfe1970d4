package io.helmdeck.sandbox;

import java.time.Instant;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A dynamic provisioner with {@code volumeBindingMode: Immediate}: every claim is {@code Bound} on the next pass,
 * with the access modes and capacity it asked for. No volume exists anywhere.
 */
final class VolumeClaimController implements SandboxController {

    @Override
    public void reconcile(KubernetesClient client, Instant now) {
        for (PersistentVolumeClaim claim : client.persistentVolumeClaims().inAnyNamespace().list().getItems()) {
            if (claim.getMetadata().getDeletionTimestamp() != null || claim.getSpec() == null) {
                continue;
            }
            PersistentVolumeClaimStatus status = new PersistentVolumeClaimStatusBuilder().withPhase("Bound")
                    .withAccessModes(claim.getSpec().getAccessModes())
                    .withCapacity(claim.getSpec().getResources() == null ? null
                            : claim.getSpec().getResources().getRequests())
                    .build();
            if (!status.equals(claim.getStatus())) {
                claim.setStatus(status);
                StatusWrites.tryWrite(() -> client.persistentVolumeClaims()
                        .inNamespace(claim.getMetadata().getNamespace()).resource(claim).updateStatus());
            }
        }
    }
}
