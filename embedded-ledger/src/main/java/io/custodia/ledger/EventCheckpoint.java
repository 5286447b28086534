package io.custodia.ledger;

/**
 * A position in the ledger from which chaincode events are delivered: the first event delivered is
 * the one of transaction {@code txIndex} of block {@code blockNumber}, or the next one after it.
 * A listener stores {@link ChaincodeEventRecord#next()} after handling an event and resumes from it.
 *
 * @param blockNumber block to start from
 * @param txIndex transaction index within that block to start from
 */
public record EventCheckpoint(long blockNumber, int txIndex) implements Comparable<EventCheckpoint> {
    public EventCheckpoint {
        if (blockNumber < 0 || txIndex < 0) {
            throw new IllegalArgumentException("checkpoint positions must not be negative");
        }
    }

    /** From the very first block. */
    public static EventCheckpoint start() {
        return new EventCheckpoint(0, 0);
    }

    public static EventCheckpoint of(final long blockNumber, final int txIndex) {
        return new EventCheckpoint(blockNumber, txIndex);
    }

    @Override
    public int compareTo(final EventCheckpoint other) {
        final int byBlock = Long.compare(blockNumber, other.blockNumber);
        return byBlock != 0 ? byBlock : Integer.compare(txIndex, other.txIndex);
    }
}
