package io.custodia.sdk.verify;

import io.custodia.sdk.custody.SignedCustodyHop;
import java.util.List;

/**
 * Verifies a custody chain offline, hop by hop in the given order, and stops at the first bad hop.
 *
 * <p>For each hop: the sender certificate parses (EC P-256); the signature verifies over the
 * statement's signing bytes with that certificate's key; the dataset is the first hop's; the sequence
 * is the first sequence number (default 1) or the previous plus one; {@code previousHopHash} is empty
 * on the first hop and the previous hop's {@code hopHash} after; the content hash equals the previous
 * hop's unless the action is {@code DERIVE}. Whether a certificate belongs to the organisation named
 * in {@code from} is a membership question for the ledger, not checked here.
 *
 * <pre>{@code
 * ChainVerification v = CustodyChainVerifier.builder().build().verify(signedHops);
 * v.firstBadHop().ifPresent(bad -> System.out.println(bad.describe()));
 * }</pre>
 */
public interface CustodyChainVerifier {
    static Builder builder() {
        return new DefaultCustodyChainVerifier.DefaultBuilder();
    }

    /**
     * Verifies {@code hops} in order.
     *
     * @throws IllegalArgumentException when {@code hops} is empty
     */
    ChainVerification verify(List<SignedCustodyHop> hops);

    /** Configures a {@link CustodyChainVerifier}. */
    interface Builder {
        /** Sequence number of a chain's first hop; default 1. */
        Builder firstSequence(long sequence);

        CustodyChainVerifier build();
    }
}
