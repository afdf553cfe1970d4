package io.helmdeck.release.flux;

import java.time.Instant;

import io.helmdeck.model.Condition;

/**
 * What Flux reports about one release: its {@code Ready} condition and the last chart it deployed.
 *
 * @param ready                   Flux's verdict; {@link Ready#UNKNOWN} while Flux has not acted on the latest spec
 * @param reason                  Flux's reason (e.g. {@code InstallSucceeded}, {@code UpgradeFailed},
 *                                {@code AuthenticationFailed} from the source) or {@code Progressing}
 * @param message                 Flux's message, or Helmdeck's when Flux has said nothing yet
 * @param lastTransitionTime      when the condition last changed; {@code null} when Flux has not written it
 * @param lastAppliedDigest       OCI digest ({@code sha256:…}) of the chart in the latest deployed Helm revision
 * @param lastAppliedChartVersion chart version of that revision, without Flux's {@code +<digest>} suffix
 * @param helmRevision            Helm revision number of that revision
 * @param lastAttemptedRevision   Flux's {@code status.lastAttemptedRevision} verbatim ({@code <version>+<digest12>})
 * @param deleting                the HelmRelease is being deleted (Flux is uninstalling)
 */
public record FluxReleaseStatus(
        Ready ready,
        String reason,
        String message,
        Instant lastTransitionTime,
        String lastAppliedDigest,
        String lastAppliedChartVersion,
        Integer helmRevision,
        String lastAttemptedRevision,
        boolean deleting) {

    /** Status of a Kubernetes condition. */
    public enum Ready {
        TRUE(Condition.TRUE), FALSE(Condition.FALSE), UNKNOWN(Condition.UNKNOWN);

        private final String text;

        Ready(String text) {
            this.text = text;
        }

        /** The condition's {@code status} text: True, False or Unknown. */
        public String text() {
            return text;
        }

        static Ready of(String status) {
            if (Condition.TRUE.equals(status)) {
                return TRUE;
            }
            return Condition.FALSE.equals(status) ? FALSE : UNKNOWN;
        }
    }

    /** {@code <chart version>@<digest>}, Helmdeck's revision form, or {@code null} before the first deploy. */
    public String lastAppliedRevision() {
        if (lastAppliedDigest == null) {
            return null;
        }
        return lastAppliedChartVersion == null ? lastAppliedDigest : lastAppliedChartVersion + "@" + lastAppliedDigest;
    }

    /** As a Helmdeck {@code Ready} condition. */
    public Condition toReadyCondition() {
        return new Condition(Condition.READY, ready.text(), reason, message, lastTransitionTime);
    }
}
