package io.helmdeck.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * What the simulated kubelet makes of a pod spec. A container image tagged {@value #BROKEN_TAG} stands for a program
 * that exits with an error as soon as it starts: its pods never become ready, a Job running it fails.
 */
final class PodTemplates {

    static final String BROKEN_TAG = "broken";
    private static final char[] SAFE = "bcdfghjklmnpqrstvwxz2456789".toCharArray();

    private PodTemplates() {
    }

    /** The first container (init containers included) whose image is tagged {@value #BROKEN_TAG}. */
    static Optional<Container> broken(PodSpec spec) {
        if (spec == null) {
            return Optional.empty();
        }
        List<Container> containers = new ArrayList<>();
        if (spec.getInitContainers() != null) {
            containers.addAll(spec.getInitContainers());
        }
        if (spec.getContainers() != null) {
            containers.addAll(spec.getContainers());
        }
        return containers.stream().filter(c -> BROKEN_TAG.equals(tag(c.getImage()))).findFirst();
    }

    static Optional<Container> broken(PodTemplateSpec template) {
        return template == null ? Optional.empty() : broken(template.getSpec());
    }

    /** The tag of an image reference ({@code ghcr.io/x/y:1.2@sha256:...} gives {@code 1.2}), or {@code null}. */
    static String tag(String image) {
        if (image == null) {
            return null;
        }
        String reference = image;
        int digest = reference.indexOf('@');
        if (digest >= 0) {
            reference = reference.substring(0, digest);
        }
        int colon = reference.lastIndexOf(':');
        return colon > reference.lastIndexOf('/') ? reference.substring(colon + 1) : null;
    }

    /**
     * A short stable hash of a pod template, spelled like Kubernetes' {@code pod-template-hash} (no vowels), so a
     * changed template gets a new ReplicaSet / revision name.
     */
    static String hash(PodTemplateSpec template) {
        String json = StatusResponses.serialization().asJson(template);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
            StringBuilder hash = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                hash.append(SAFE[(digest[i] & 0xff) % SAFE.length]);
            }
            return hash.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
