package io.custodia.sdk.verify;

import java.util.List;

/**
 * Outcome of checking an access trail: every inconsistency found, in trail order.
 *
 * <pre>{@code
 * TrailVerification v = AccessTrailVerifier.create().verify(events, TrailExpectations.none());
 * System.out.println(v.describe());
 * }</pre>
 *
 * @param eventCount events checked
 * @param rootsRecomputed events whose releasedSubjectsRoot was recomputed (the released set was known)
 * @param findings inconsistencies; empty when the trail is consistent
 */
public record TrailVerification(int eventCount, int rootsRecomputed, List<TrailFinding> findings) {
    public TrailVerification {
        findings = List.copyOf(findings);
    }

    public boolean consistent() {
        return findings.isEmpty();
    }

    public String describe() {
        if (consistent()) {
            return "access trail of " + eventCount + " events is consistent (" + rootsRecomputed
                    + " released-subject roots recomputed)";
        }
        final StringBuilder out = new StringBuilder("access trail of " + eventCount + " events has " + findings.size()
                + " inconsistencies");
        findings.forEach(f -> out.append("\n  ").append(f.describe()));
        return out.toString();
    }
}
