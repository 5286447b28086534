package io.custodia.ledger;

import io.custodia.canonical.Hashes;
import java.util.Objects;

/**
 * A block that an earlier verification found intact, named by its number and header hash (hex), kept
 * by the verifier's user outside the ledger, like the node key fingerprint.
 *
 * <p>Why it is enough to re-check signatures after the anchor only: every header hash covers the
 * previous header hash and its block's data hash, and the data hash covers every transaction
 * including its creator's signature bytes. A ledger whose block {@code block} still hashes to
 * {@code headerHash} therefore holds byte for byte the blocks 0..{@code block} that were verified,
 * signatures included (unless SHA-256 collides). An anchored verification still walks and re-hashes
 * every block, so a change anywhere before the anchor shows up as a mismatch at the anchor, and it
 * checks node and creator signatures only for later blocks: the expensive part then costs in
 * proportion to what is new since the last check, not to the size of the ledger.
 *
 * <pre>{@code
 * VerificationReport first = ledger.verify();                       // full: every signature
 * VerificationAnchor keep = first.head().orElseThrow();             // store it somewhere you trust
 * VerificationReport later = ledger.verify(keep);                    // chain from 0, signatures after keep
 * }</pre>
 *
 * @param block the block number
 * @param headerHash that block's header hash, 64 lower-case hex digits
 */
public record VerificationAnchor(long block, String headerHash) {
    public VerificationAnchor {
        if (block < 0) {
            throw new IllegalArgumentException("anchor block must not be negative: " + block);
        }
        Objects.requireNonNull(headerHash, "headerHash");
        if (!Hashes.isSha256Hex(headerHash)) {
            throw new IllegalArgumentException("anchor hash must be 64 lower-case hex digits");
        }
    }

    /** Parses {@code <block>:<headerHash>}, the form {@link #toString()} prints. */
    public static VerificationAnchor parse(final String text) {
        final int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("anchor must look like <block>:<64 hex digits>, got '" + text + "'");
        }
        final long block;
        try {
            block = Long.parseLong(text.substring(0, colon));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("anchor block is not a number: '" + text.substring(0, colon) + "'", e);
        }
        return new VerificationAnchor(block, text.substring(colon + 1).toLowerCase(java.util.Locale.ROOT));
    }

    @Override
    public String toString() {
        return block + ":" + headerHash;
    }
}
