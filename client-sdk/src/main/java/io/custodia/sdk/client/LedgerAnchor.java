package io.custodia.sdk.client;

import java.util.Objects;

/**
 * A block an earlier verification found intact: its number and header hash, as the {@code head} of a
 * {@link LedgerVerification}. Keep it somewhere the ledger's operator cannot write and pass it to
 * {@link Ledger#verify(LedgerAnchor)} next time: every block is re-hashed, the anchor block must still
 * have this hash, and signatures are checked only after it, so the expensive part costs in proportion to
 * what is new. The gateway checks the format; this type only carries it.
 *
 * <pre>{@code
 * LedgerAnchor kept = client.ledger().verify().head().orElseThrow();
 * LedgerVerification later = client.ledger().verify(kept);
 * }</pre>
 *
 * @param block the block number
 * @param headerHash that block's header hash (hex)
 */
public record LedgerAnchor(long block, String headerHash) {
    public LedgerAnchor {
        Objects.requireNonNull(headerHash, "headerHash");
    }

    /** Parses {@code <block>:<headerHash>}, the form {@link #toString()} prints. */
    public static LedgerAnchor parse(final String text) {
        final int colon = text.indexOf(':');
        try {
            if (colon > 0) {
                return new LedgerAnchor(Long.parseLong(text.substring(0, colon).trim()), text.substring(colon + 1).trim());
            }
        } catch (NumberFormatException e) {
            // falls through to the one message below
        }
        throw new IllegalArgumentException("an anchor looks like <block>:<header hash>, not '" + text + "'");
    }

    @Override
    public String toString() {
        return block + ":" + headerHash;
    }
}
