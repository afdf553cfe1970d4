package io.helmdeck.release.kube;

import java.util.List;

import io.helmdeck.model.InventoryEntry;

/** An apply stopped part way: {@link #applied()} lists the objects that did reach the cluster, in apply order. */
public class PartialApplyException extends ApplyException {

    private final transient List<InventoryEntry> applied;

    public PartialApplyException(ApplyException cause, List<InventoryEntry> applied) {
        super(cause.getMessage(), cause.getCause() == null ? cause : cause.getCause());
        this.applied = List.copyOf(applied);
    }

    public List<InventoryEntry> applied() {
        return applied;
    }
}
