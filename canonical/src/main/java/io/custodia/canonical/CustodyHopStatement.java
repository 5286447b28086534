package io.custodia.canonical;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.Objects;

/**
 * What the sender of a custody hop signs: the dataset, the hop's place in the chain, who hands what
 * to whom, and the content hash at the hop.
 *
 * <p>The signed bytes are the canonical JSON of this statement, which carries its own type tag so a
 * signature over it can never be replayed as a signature over anything else. Each statement names
 * the {@link #hopHash()} of the one before ({@code previousHopHash}, empty for the first hop), so the
 * chain cannot be reordered, truncated in the middle or spliced without breaking a signature.
 */
public final class CustodyHopStatement {
    /** Type tag inside the signed bytes. */
    public static final String TYPE = "custodia.custody-hop.v1";

    private final String type;
    private final String datasetId;
    private final long sequence;
    private final String previousHopHash;
    private final String from;
    private final String to;
    private final String action;
    private final String contentHash;

    @JsonCreator
    public CustodyHopStatement(
            final String type,
            final String datasetId,
            final long sequence,
            final String previousHopHash,
            final String from,
            final String to,
            final String action,
            final String contentHash) {
        if (type != null && !TYPE.equals(type)) {
            throw new InvalidJsonException("type", "must be " + TYPE);
        }
        this.type = TYPE;
        this.datasetId = Objects.requireNonNull(datasetId, "datasetId");
        this.sequence = sequence;
        this.previousHopHash = previousHopHash == null ? "" : previousHopHash;
        this.from = Objects.requireNonNull(from, "from");
        this.to = Objects.requireNonNull(to, "to");
        this.action = Objects.requireNonNull(action, "action");
        this.contentHash = Objects.requireNonNull(contentHash, "contentHash");
    }

    public static CustodyHopStatement of(
            final String datasetId,
            final long sequence,
            final String previousHopHash,
            final String from,
            final String to,
            final String action,
            final String contentHash) {
        return new CustodyHopStatement(TYPE, datasetId, sequence, previousHopHash, from, to, action, contentHash);
    }

    /** The exact bytes the sender signs and the chaincode verifies. */
    public byte[] signingBytes() {
        return CanonicalJson.toBytes(this);
    }

    /** Hash that links the next hop to this one: hex SHA-256 of {@link #signingBytes()}. */
    public String hopHash() {
        return Hashes.sha256Hex(signingBytes());
    }

    public String type() {
        return type;
    }

    public String datasetId() {
        return datasetId;
    }

    public long sequence() {
        return sequence;
    }

    public String previousHopHash() {
        return previousHopHash;
    }

    public String from() {
        return from;
    }

    public String to() {
        return to;
    }

    public String action() {
        return action;
    }

    public String contentHash() {
        return contentHash;
    }
}
