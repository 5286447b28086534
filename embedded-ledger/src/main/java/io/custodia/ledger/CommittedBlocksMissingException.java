package io.custodia.ledger;

/**
 * Opening found fewer intact blocks than were committed: blocks that were forced to disk before their
 * transactions were acknowledged are missing or damaged. No crash does that (a crash can only tear a
 * block that was never acknowledged), so the ledger refuses to start rather than silently forget them;
 * nothing was changed on disk. {@code tools.RepairLedgerCommand --accept-loss} continues without them.
 */
public final class CommittedBlocksMissingException extends LedgerException {
    private static final long serialVersionUID = 1L;
    private final long intactBlocks;
    private final long committedBlocks;

    public CommittedBlocksMissingException(final String message, final long intactBlocks, final long committedBlocks) {
        super(message);
        this.intactBlocks = intactBlocks;
        this.committedBlocks = committedBlocks;
    }

    /** Blocks 0 .. this - 1 are intact. */
    public long intactBlocks() {
        return intactBlocks;
    }

    /** Blocks 0 .. this - 1 were committed. */
    public long committedBlocks() {
        return committedBlocks;
    }
}
