package io.helmdeck.release.kube;

/** Helm 3's release status ({@code helm.sh/helm/v3/pkg/release/status.go}); {@link #wire()} is Helm's spelling. */
public enum HelmStatus {
    UNKNOWN("unknown"), DEPLOYED("deployed"), UNINSTALLED("uninstalled"), SUPERSEDED("superseded"),
    FAILED("failed"), UNINSTALLING("uninstalling"), PENDING_INSTALL("pending-install"),
    PENDING_UPGRADE("pending-upgrade"), PENDING_ROLLBACK("pending-rollback");

    private final String wire;

    HelmStatus(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** An install, upgrade or rollback that has not finished: Helm refuses every other action on the release. */
    public boolean pending() {
        return this == PENDING_INSTALL || this == PENDING_UPGRADE || this == PENDING_ROLLBACK;
    }

    /** The status Helm wrote; {@link #UNKNOWN} for anything this version does not know. */
    public static HelmStatus fromWire(String value) {
        for (HelmStatus status : values()) {
            if (status.wire.equals(value)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
