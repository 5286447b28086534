package io.custodia.chaincode.custody;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.List;
import java.util.TreeSet;

/**
 * The end of a dataset's custody chain: the last sequence and hop hash, the content hash the next hop
 * must carry (unless it derives), and who holds the dataset now (sorted MSP IDs).
 *
 * <p>Before the first hop the head is implicit — sequence 0, no hop hash, the dataset's content hash,
 * the owner as only holder — and is not stored.
 */
public final class CustodyHead {
    private final String datasetId;
    private final long sequence;
    private final String lastHopHash;
    private final String contentHash;
    private final List<String> holders;

    @JsonCreator
    public CustodyHead(final String datasetId, final long sequence, final String lastHopHash, final String contentHash,
            final List<String> holders) {
        this.datasetId = datasetId;
        this.sequence = sequence;
        this.lastHopHash = lastHopHash == null ? "" : lastHopHash;
        this.contentHash = contentHash;
        this.holders = List.copyOf(new TreeSet<>(holders));
    }

    /** The implicit head of a dataset without hops. */
    static CustodyHead initial(final String datasetId, final String owner, final String contentHash) {
        return new CustodyHead(datasetId, 0, "", contentHash, List.of(owner));
    }

    /** The head after {@code hop}, whose hop hash is {@code hopHash}; the hop must have passed {@link CustodyRules}. */
    CustodyHead after(final CustodyHop hop, final String hopHash) {
        final TreeSet<String> next = new TreeSet<>(holders);
        switch (hop.action()) {
            case TRANSFER:
                next.remove(hop.from());
                next.add(hop.to());
                break;
            case COPY:
            case DERIVE:
                next.add(hop.to());
                break;
            case DELETE:
                next.remove(hop.from());
                break;
            default:
                throw new IllegalStateException("unknown custody action " + hop.action());
        }
        return new CustodyHead(datasetId, hop.sequence(), hopHash, hop.contentHash(), List.copyOf(next));
    }

    public String datasetId() {
        return datasetId;
    }

    public long sequence() {
        return sequence;
    }

    /** Hop hash of the last hop, "" before the first. */
    public String lastHopHash() {
        return lastHopHash;
    }

    public String contentHash() {
        return contentHash;
    }

    public List<String> holders() {
        return holders;
    }
}
