package io.helmdeck.sandbox;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/**
 * A cloud load-balancer controller: a Service of {@code type: LoadBalancer} gets an ingress IP in
 * {@code status.loadBalancer} {@code readyDelay} after it is first seen. Nothing listens on that address.
 */
final class LoadBalancerController implements SandboxController {

    private final Duration readyDelay;
    private final RolloutClock clock = new RolloutClock();
    private final Map<String, String> addresses = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    LoadBalancerController(Duration readyDelay) {
        this.readyDelay = readyDelay;
    }

    @Override
    public void reconcile(KubernetesClient client, Instant now) {
        for (Service service : client.services().inAnyNamespace().list().getItems()) {
            if (service.getMetadata().getDeletionTimestamp() != null || service.getSpec() == null
                    || !"LoadBalancer".equals(service.getSpec().getType())
                    || clock.age(service, now).compareTo(readyDelay) < 0) {
                continue;
            }
            String ip = addresses.computeIfAbsent(service.getMetadata().getUid(),
                    uid -> "172.18.255." + (next.getAndIncrement() % 200 + 1));
            ServiceStatus status = new ServiceStatusBuilder().withNewLoadBalancer()
                    .withIngress(new LoadBalancerIngressBuilder().withIp(ip).withIpMode("VIP").build())
                    .endLoadBalancer().build();
            if (!status.equals(service.getStatus())) {
                service.setStatus(status);
                StatusWrites.tryWrite(() -> client.services().inNamespace(service.getMetadata().getNamespace())
                        .resource(service).updateStatus());
            }
        }
        clock.endPass();
    }
}
