package io.custodia.sdk.client;

import java.util.Optional;

/**
 * The gateway's own verification of a custody chain ({@code GET .../custody/verification}). To check
 * without trusting the gateway, fetch the chain and verify it locally instead.
 *
 * <pre>{@code
 * CustodyVerification v = client.custody().verification("ds-001");
 * }</pre>
 *
 * @param valid whether the chain verified
 * @param hopCount hops checked
 * @param firstInvalidSequence first failing hop
 * @param reason why
 */
public record CustodyVerification(boolean valid, long hopCount, Optional<Long> firstInvalidSequence, Optional<String> reason) {
    public CustodyVerification {
        firstInvalidSequence = firstInvalidSequence == null ? Optional.empty() : firstInvalidSequence;
        // The gateway sends "" rather than leaving the member out when there is nothing to report.
        reason = reason == null ? Optional.empty() : reason.filter(r -> !r.isEmpty());
    }
}
