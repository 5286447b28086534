package io.custodia.sdk.verify;

import java.util.Optional;

/**
 * Outcome of verifying a custody chain: valid, or the first bad hop.
 *
 * <pre>{@code
 * ChainVerification v = CustodyChainVerifier.builder().build().verify(hops);
 * if (!v.valid()) System.out.println(v.describe());
 * }</pre>
 *
 * @param hopCount hops given
 * @param firstBadHop the first failing hop, or empty when every hop passed
 * @param lastHopHash hash of the last hop when valid (what the next hop must link to), else empty
 */
public record ChainVerification(int hopCount, Optional<BadHop> firstBadHop, Optional<String> lastHopHash) {
    public boolean valid() {
        return firstBadHop.isEmpty();
    }

    public String describe() {
        return firstBadHop.map(BadHop::describe)
                .orElseGet(() -> "custody chain of " + hopCount + " hops is valid; last hop hash " + lastHopHash.orElse(""));
    }
}
