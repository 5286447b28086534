package io.custodia.ledger.block;

import java.util.List;
import java.util.Objects;

/**
 * A range query as simulated: its bounds, the keys and versions the chaincode consumed, and whether
 * it read to the end of the range. Re-run at commit to detect phantoms, as Fabric does.
 *
 * @param startKey inclusive start key
 * @param endKey exclusive end key; empty means unbounded
 * @param exhausted whether the chaincode iterated to the end of the range
 * @param reads the keys returned, in order, with the versions seen
 */
public record RangeRead(String startKey, String endKey, boolean exhausted, List<KeyRead> reads) {
    public RangeRead {
        Objects.requireNonNull(startKey, "startKey");
        Objects.requireNonNull(endKey, "endKey");
        reads = List.copyOf(reads);
    }
}
